/** The part of the Amazon States Language the training pipeline uses (JSONPath query language). */
export interface RetryRule {
  readonly ErrorEquals: readonly string[];
  readonly IntervalSeconds: number;
  readonly MaxAttempts: number;
  readonly BackoffRate: number;
  readonly MaxDelaySeconds?: number;
  readonly JitterStrategy?: "FULL" | "NONE";
}

export interface CatchRule {
  readonly ErrorEquals: readonly string[];
  readonly ResultPath: string;
  readonly Next: string;
}

interface Transition {
  readonly Next?: string;
  readonly End?: true;
  readonly Comment?: string;
}

export interface TaskState extends Transition {
  readonly Type: "Task";
  readonly Resource: string;
  readonly Parameters: Record<string, unknown>;
  readonly ResultSelector?: Record<string, unknown>;
  readonly ResultPath?: string | null;
  readonly TimeoutSeconds?: number;
  readonly Retry?: readonly RetryRule[];
  readonly Catch?: readonly CatchRule[];
}

export interface WaitState extends Transition {
  readonly Type: "Wait";
  readonly Seconds: number;
}

export interface ChoiceRule {
  readonly Variable: string;
  readonly BooleanEquals: boolean;
  readonly Next: string;
}

export interface ChoiceState {
  readonly Type: "Choice";
  readonly Choices: readonly ChoiceRule[];
  readonly Default: string;
  readonly Comment?: string;
}

export interface PassState extends Transition {
  readonly Type: "Pass";
  readonly Parameters?: Record<string, unknown>;
  readonly ResultPath?: string | null;
}

export interface ParallelState extends Transition {
  readonly Type: "Parallel";
  readonly Branches: readonly StateMachineDefinition[];
  readonly ResultPath?: string | null;
  readonly Catch?: readonly CatchRule[];
}

export interface SucceedState {
  readonly Type: "Succeed";
  readonly Comment?: string;
}

export interface FailState {
  readonly Type: "Fail";
  readonly Error?: string;
  readonly Cause?: string;
  readonly ErrorPath?: string;
  readonly CausePath?: string;
  readonly Comment?: string;
}

export type State =
  | TaskState
  | WaitState
  | ChoiceState
  | PassState
  | ParallelState
  | SucceedState
  | FailState;

export interface StateMachineDefinition {
  readonly Comment?: string;
  readonly StartAt: string;
  readonly States: Record<string, State>;
  readonly TimeoutSeconds?: number;
}
