import type { State } from "./asl";
import { managerTask } from "./manager-task";

/**
 * Wait, check_status, Choice: the polling loop for a Personalize resource that takes minutes to
 * hours (Step Functions has no `.sync` for Personalize). A failed resource ends in a Fail state
 * with `failedError`; an active one continues at `next`.
 */
export function pollUntilDone(options: {
  readonly functionArn: string;
  /** Human name of what is awaited, used in the state names, e.g. "interactions import". */
  readonly subject: string;
  readonly resourceType: string;
  /** JSONPath of the ARN to poll. */
  readonly arnPath: string;
  readonly waitSeconds: number;
  readonly failedError: string;
  readonly next: string;
}): { start: string; states: Record<string, State> } {
  const wait = `Wait for ${options.subject}`;
  const check = `Check ${options.subject}`;
  const decide = `Is ${options.subject} done?`;
  const failed = `${capitalize(options.subject)} failed`;
  return {
    start: wait,
    states: {
      [wait]: { Type: "Wait", Seconds: options.waitSeconds, Next: check },
      [check]: managerTask({
        functionArn: options.functionArn,
        action: "check_status",
        payload: { "resource_arn.$": options.arnPath, resource_type: options.resourceType },
        resultPath: "$.status",
        next: decide,
      }),
      [decide]: {
        Type: "Choice",
        Choices: [
          { Variable: "$.status.body.is_failed", BooleanEquals: true, Next: failed },
          { Variable: "$.status.body.is_complete", BooleanEquals: true, Next: options.next },
        ],
        Default: wait,
      },
      [failed]: {
        Type: "Fail",
        Error: options.failedError,
        Cause: `${options.subject} ended in a failed state; see it in Personalize for the reason`,
      },
    },
  };
}

function capitalize(text: string): string {
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}`;
}
