import type { StateMachineDefinition } from "./asl";
import { managerTask } from "./manager-task";
import { pollUntilDone } from "./poll-until-done";

/**
 * A Parallel branch that creates a Personalize resource through a manager action, polls it until
 * it is active (a failed one ends in `failedError`), and ends with `output` as its result.
 */
export function createAndAwait(options: {
  readonly functionArn: string;
  /** The branch's first and last state names. */
  readonly start: string;
  readonly done: string;
  /** Human name of what is awaited, used in the polling states' names. */
  readonly subject: string;
  readonly action: string;
  readonly payload: Record<string, unknown>;
  /** Where the action's answer goes, e.g. `$.filter`; the ARN is at `<resultPath>.body.<arnField>`. */
  readonly resultPath: string;
  readonly arnField: string;
  readonly resourceType: string;
  readonly waitSeconds: number;
  readonly failedError: string;
  /** The branch's result: Pass parameters, e.g. `{"filter_arn.$": "$.filter.body.filter_arn"}`. */
  readonly output: Record<string, string>;
}): StateMachineDefinition {
  const poll = pollUntilDone({
    functionArn: options.functionArn,
    subject: options.subject,
    resourceType: options.resourceType,
    arnPath: `${options.resultPath}.body.${options.arnField}`,
    waitSeconds: options.waitSeconds,
    failedError: options.failedError,
    next: options.done,
  });
  return {
    StartAt: options.start,
    States: {
      [options.start]: managerTask({
        functionArn: options.functionArn,
        action: options.action,
        payload: options.payload,
        resultPath: options.resultPath,
        next: poll.start,
      }),
      ...poll.states,
      [options.done]: { Type: "Pass", Parameters: options.output, End: true },
    },
  };
}
