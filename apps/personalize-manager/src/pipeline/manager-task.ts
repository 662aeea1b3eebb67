import type { RetryRule, TaskState } from "./asl";

/** Errors worth waiting out: Lambda's own transient failures and the manager's throttling codes. */
export const TRANSIENT_ERRORS = [
  "Lambda.TooManyRequestsException",
  "Lambda.ServiceException",
  "Lambda.AWSLambdaException",
  "Lambda.SdkClientException",
  "PersonalizeThrottled",
  "PersonalizeResourceInUse",
] as const;

export const TRANSIENT_RETRY: RetryRule = {
  ErrorEquals: TRANSIENT_ERRORS,
  IntervalSeconds: 5,
  MaxAttempts: 6,
  BackoffRate: 2,
  MaxDelaySeconds: 300,
  JitterStrategy: "FULL",
};

/** The longest a manager invocation may run: Lambda's own ceiling. */
const TASK_TIMEOUT_SECONDS = 900;

/**
 * A Task that invokes the manager with one action. The manager answers in the recipe's shape
 * (`statusCode` + JSON `body`), so the body is parsed into `<resultPath>.body`; every action is
 * safe to run twice, so a retry never does the work twice.
 */
export function managerTask(options: {
  readonly functionArn: string;
  readonly action: string;
  readonly payload: Record<string, unknown>;
  readonly resultPath: string;
  readonly next: string;
  readonly comment?: string;
}): TaskState {
  return {
    Type: "Task",
    ...(options.comment && { Comment: options.comment }),
    Resource: "arn:aws:states:::lambda:invoke",
    Parameters: {
      FunctionName: options.functionArn,
      Payload: { action: options.action, ...options.payload },
    },
    ResultSelector: { "body.$": "States.StringToJson($.Payload.body)" },
    ResultPath: options.resultPath,
    TimeoutSeconds: TASK_TIMEOUT_SECONDS,
    Retry: [TRANSIENT_RETRY],
    Next: options.next,
  };
}
