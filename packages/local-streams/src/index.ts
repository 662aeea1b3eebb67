export type { InvocationOutcome, StreamHandler } from "./batch-invocation";
export { catalogEventSourceMapping } from "./catalog-mapping";
export type { EventSourceMapping } from "./event-source-mapping";
export type { OnFailureDestination, OnFailureRecord } from "./failure-destination";
export { lambdaRecord } from "./lambda-record";
export type { RunnerErrorReporter, RunnerFaultContext } from "./runner-errors";
export { type StreamRunner, type StreamRunnerOptions, startStreamRunner } from "./stream-runner";
