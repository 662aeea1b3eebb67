/** Where a runner fault happened: reading the stream, invoking the function, or writing a failure. */
export interface RunnerFaultContext {
  readonly table: string;
  readonly during: "discover-shards" | "read-shard" | "invoke" | "on-failure-destination";
  readonly shardId?: string;
}

export type RunnerErrorReporter = (error: unknown, context: RunnerFaultContext) => void;

/** A structured line on stderr, as the local gateway reports a crashed handler. */
export const reportToStderr: RunnerErrorReporter = (error, context) => {
  process.stderr.write(
    `${JSON.stringify({ level: "ERROR", message: "stream consumer fault", ...context, error: String(error) })}\n`,
  );
};
