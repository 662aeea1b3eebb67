/** What the user must fix (a bad argument, a missing credential): printed without a stack, exit 2. */
export class CliError extends Error {
  override readonly name = "CliError";

  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}
