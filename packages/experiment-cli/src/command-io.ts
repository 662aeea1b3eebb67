/** What a command reads from and writes to, so tests can run commands in-process. */
export interface CommandIo {
  readonly out: (text: string) => void;
  readonly err: (text: string) => void;
  /** Where relative paths (--input) are resolved. */
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  /** The repository root, where deployed stacks keep their Terraform state. */
  readonly repositoryRoot: string;
}
