/** A command-line value the simulator cannot use, naming the option. */
export class SimulationOptionError extends Error {
  override readonly name = "SimulationOptionError";

  constructor(
    readonly option: string,
    readonly problem: string,
  ) {
    super(`--${option}: ${problem}`);
  }
}
