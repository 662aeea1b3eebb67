import type { HistoryEvent } from "@aws-sdk/client-sfn";

const ENTERED = new Set([
  "TaskStateEntered",
  "ParallelStateEntered",
  "PassStateEntered",
  "SucceedStateEntered",
  "FailStateEntered",
]);

/** The status a check_status task reported, read from the state's output. */
function checkedStatus(output: string | undefined): string | undefined {
  try {
    const status = (JSON.parse(output ?? "") as { status?: { body?: { status?: unknown } } }).status?.body
      ?.status;
    return typeof status === "string" ? status : undefined;
  } catch {
    return undefined;
  }
}

/** One progress line for a history event worth showing, or undefined. */
export function progressLine(event: HistoryEvent): string | undefined {
  const time = event.timestamp ? event.timestamp.toISOString().slice(11, 19) : "--:--:--";
  const say = (text: string) => `${time}  ${text}`;
  const type = event.type ?? "";
  if (type === "ExecutionStarted") return say("started");
  if (ENTERED.has(type)) return say(`-> ${event.stateEnteredEventDetails?.name}`);
  if (type === "TaskStateExited" && event.stateExitedEventDetails?.name?.startsWith("Check ")) {
    const status = checkedStatus(event.stateExitedEventDetails.output);
    if (status) return say(`   ${event.stateExitedEventDetails.name.slice("Check ".length)}: ${status}`);
  }
  const failure =
    event.taskFailedEventDetails ?? event.lambdaFunctionFailedEventDetails ?? event.taskTimedOutEventDetails;
  if (failure)
    return say(`   failed: ${failure.error ?? "error"}${failure.cause ? ` (${failure.cause})` : ""}`);
  if (type === "ExecutionFailed") {
    const details = event.executionFailedEventDetails;
    return say(`failed: ${details?.error ?? "error"}${details?.cause ? ` (${details.cause})` : ""}`);
  }
  if (type === "ExecutionSucceeded") return say("succeeded");
  if (type === "ExecutionTimedOut") return say("timed out");
  if (type === "ExecutionAborted") return say("aborted");
  return undefined;
}
