/** One CLI command: a one-line summary for the usage text and its entry point. */
export interface Command {
  readonly summary: string;
  /** Runs with the arguments after the command name; resolves to the exit status. */
  run(args: string[]): Promise<number>;
}
