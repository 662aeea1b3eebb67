/**
 * A small interpreter for the subset of the Amazon States Language (JSONPath flavour) the training
 * pipeline uses: Task (lambda:invoke), Wait, Choice (BooleanEquals/StringEquals), Pass, Parallel,
 * Succeed and Fail, with Parameters, ResultSelector, ResultPath, Retry, Catch, the context object
 * and the intrinsics States.Format and States.StringToJson. It runs the real definition with fake
 * task results; waits are recorded, not slept.
 *
 * It is as strict as Step Functions where a laxer reading would let a broken definition pass:
 * `States.Runtime` and `States.DataLimitExceeded` are terminal (no Retry or Catch matches them,
 * not even `States.ALL`); `States.TaskFailed` does not match `States.Timeout`; `States.ALL` must be
 * alone in its ErrorEquals and in the last retrier or catcher; every Next and Default must name a
 * state; Retry and Catch are only allowed on Task and Parallel; state names are at most 80
 * characters; a state's output over 256 KiB fails the run; a bad intrinsic argument is a
 * `States.Runtime` error.
 */

type Json = unknown;
type Definition = { StartAt: string; States: Record<string, Record<string, Json>> };

export class StatesError extends Error {
  constructor(
    readonly error: string,
    override readonly cause: string,
  ) {
    super(`${error}: ${cause}`);
  }
}

export interface Execution {
  readonly status: "SUCCEEDED" | "FAILED";
  readonly output?: Json;
  readonly error?: string;
  readonly cause?: string;
  /** Every state entered, in order, including those inside branches. */
  readonly visited: string[];
  /** Every task invocation: the state and the payload the function received. */
  readonly invocations: { state: string; payload: Record<string, Json> }[];
  readonly waits: { state: string; seconds: number }[];
  readonly retries: { state: string; error: string; delaySeconds: number }[];
}

/** Invokes a Lambda function: returns its response or throws StatesError(errorType, errorMessage). */
export type Invoke = (functionName: string, payload: Record<string, Json>) => Json | Promise<Json>;

interface Run {
  readonly context: { Execution: { Name: string } };
  readonly invoke: Invoke;
  readonly trace: Omit<Execution, "status" | "output" | "error" | "cause">;
  transitions: number;
}

const MAX_TRANSITIONS = 10_000;
/** Errors no Retry or Catch can handle, `States.ALL` included. */
const TERMINAL_ERRORS = new Set(["States.Runtime", "States.DataLimitExceeded"]);
const MAX_STATE_NAME = 80;
const MAX_PAYLOAD_BYTES = 256 * 1024;

/** A definition Step Functions would refuse to create: a bug in the definition, not a run failure. */
export class DefinitionError extends Error {}

function checkRules(owner: string, field: string, rules: Record<string, Json>[]): void {
  rules.forEach((rule, index) => {
    const errors = rule.ErrorEquals as string[] | undefined;
    if (!Array.isArray(errors) || errors.length === 0) {
      throw new DefinitionError(`${owner}: ${field}[${index}] needs a non-empty ErrorEquals`);
    }
    if (errors.includes("States.ALL") && (errors.length > 1 || index !== rules.length - 1)) {
      throw new DefinitionError(
        `${owner}: States.ALL must appear alone in the last ${field === "Retry" ? "retrier" : "catcher"}`,
      );
    }
  });
}

/** What Step Functions checks when a state machine is created, for this machine and every branch. */
export function validateDefinition(machine: Definition, path = "machine"): void {
  const names = new Set(Object.keys(machine.States));
  if (!names.has(machine.StartAt))
    throw new DefinitionError(`${path}: StartAt ${machine.StartAt} is not a state`);
  for (const [name, state] of Object.entries(machine.States)) {
    const owner = `${path} > ${name}`;
    if (name.length > MAX_STATE_NAME) {
      throw new DefinitionError(`${owner}: state names are at most ${MAX_STATE_NAME} characters`);
    }
    const targets = [
      state.Next,
      state.Default,
      ...((state.Choices ?? []) as Record<string, Json>[]).map((rule) => rule.Next),
      ...((state.Catch ?? []) as Record<string, Json>[]).map((rule) => rule.Next),
    ].filter((target) => target !== undefined) as string[];
    for (const target of targets) {
      if (!names.has(target)) throw new DefinitionError(`${owner}: transition to unknown state ${target}`);
    }
    const terminal = state.Type === "Succeed" || state.Type === "Fail" || state.Type === "Choice";
    if (!terminal && (state.Next === undefined) === (state.End !== true)) {
      throw new DefinitionError(`${owner}: needs exactly one of Next and End`);
    }
    if ((state.Retry || state.Catch) && state.Type !== "Task" && state.Type !== "Parallel") {
      throw new DefinitionError(`${owner}: ${String(state.Type)} states take no Retry or Catch`);
    }
    checkRules(owner, "Retry", (state.Retry ?? []) as Record<string, Json>[]);
    checkRules(owner, "Catch", (state.Catch ?? []) as Record<string, Json>[]);
    if (state.Type === "Parallel") {
      (state.Branches as Definition[]).forEach((branch, index) => {
        validateDefinition(branch, `${owner} branch ${index}`);
      });
    }
  }
}

export async function executeStateMachine(
  definition: Json,
  input: Json,
  options: { executionName: string; invoke: Invoke },
): Promise<Execution> {
  const run: Run = {
    context: { Execution: { Name: options.executionName } },
    invoke: options.invoke,
    trace: { visited: [], invocations: [], waits: [], retries: [] },
    transitions: 0,
  };
  validateDefinition(definition as Definition);
  try {
    const output = await runMachine(definition as Definition, input, run);
    return { status: "SUCCEEDED", output, ...run.trace };
  } catch (error) {
    if (!(error instanceof StatesError)) throw error;
    return { status: "FAILED", error: error.error, cause: error.cause, ...run.trace };
  }
}

async function runMachine(machine: Definition, input: Json, run: Run): Promise<Json> {
  let name = machine.StartAt;
  let data = input;
  for (;;) {
    if (++run.transitions > MAX_TRANSITIONS) throw new Error("too many transitions: a loop never ends");
    const state = machine.States[name];
    if (!state) throw new Error(`no state named ${name}`);
    run.trace.visited.push(name);
    const outcome = await runState(name, state, data, run);
    const size = Buffer.byteLength(JSON.stringify(outcome.output ?? null));
    if (size > MAX_PAYLOAD_BYTES) {
      throw new StatesError("States.DataLimitExceeded", `${name} produced ${size} bytes, over 256 KiB`);
    }
    if (outcome.next === undefined) return outcome.output;
    name = outcome.next;
    data = outcome.output;
  }
}

async function runState(
  name: string,
  state: Record<string, Json>,
  input: Json,
  run: Run,
): Promise<{ output: Json; next?: string }> {
  const effective = state.InputPath === undefined ? input : readPath(input, state.InputPath as string, run);
  const proceed = (output: Json) => ({
    output: state.OutputPath === undefined ? output : readPath(output, state.OutputPath as string, run),
    next: state.End ? undefined : (state.Next as string | undefined),
  });
  switch (state.Type) {
    case "Succeed":
      return { output: effective };
    case "Fail":
      throw new StatesError(
        (state.Error as string | undefined) ?? String(readPath(effective, state.ErrorPath as string, run)),
        (state.Cause as string | undefined) ?? String(readPath(effective, state.CausePath as string, run)),
      );
    case "Wait":
      run.trace.waits.push({ state: name, seconds: state.Seconds as number });
      return proceed(effective);
    case "Choice":
      return { output: effective, next: choose(state, effective, run) };
    case "Pass": {
      const result = state.Parameters
        ? template(state.Parameters, effective, run)
        : (state.Result ?? effective);
      return proceed(writeResult(input, result, state.ResultPath));
    }
    case "Task":
    case "Parallel":
      try {
        const result = await withRetries(name, state, () => execute(name, state, effective, run), run);
        const selected = state.ResultSelector ? template(state.ResultSelector, result, run) : result;
        return proceed(writeResult(input, selected, state.ResultPath));
      } catch (error) {
        if (!(error instanceof StatesError)) throw error;
        const catcher = ((state.Catch ?? []) as Record<string, Json>[]).find((rule) =>
          matches(rule.ErrorEquals as string[], error.error),
        );
        if (!catcher) throw error;
        const caught = writeResult(input, { Error: error.error, Cause: error.cause }, catcher.ResultPath);
        return { output: caught, next: catcher.Next as string };
      }
    default:
      throw new Error(`state type ${String(state.Type)} is not supported`);
  }
}

async function execute(name: string, state: Record<string, Json>, input: Json, run: Run): Promise<Json> {
  if (state.Type === "Parallel") {
    // Branches one after another: the trace stays deterministic, and the first failure fails the state.
    const results: Json[] = [];
    for (const branch of state.Branches as Definition[]) results.push(await runMachine(branch, input, run));
    return results;
  }
  if (state.Resource !== "arn:aws:states:::lambda:invoke")
    throw new Error(`unsupported resource ${state.Resource}`);
  const parameters = template(state.Parameters, input, run) as {
    FunctionName: string;
    Payload: Record<string, Json>;
  };
  run.trace.invocations.push({ state: name, payload: parameters.Payload });
  const response = await run.invoke(parameters.FunctionName, parameters.Payload);
  return { ExecutedVersion: "$LATEST", Payload: response, StatusCode: 200 };
}

async function withRetries(
  name: string,
  state: Record<string, Json>,
  attempt: () => Promise<Json>,
  run: Run,
): Promise<Json> {
  const retriers = (state.Retry ?? []) as Record<string, Json>[];
  const attempts = retriers.map(() => 0);
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!(error instanceof StatesError)) throw error;
      const index = retriers.findIndex((rule) => matches(rule.ErrorEquals as string[], error.error));
      const rule = retriers[index];
      if (!rule || attempts[index]! >= ((rule.MaxAttempts as number | undefined) ?? 3)) throw error;
      const base =
        ((rule.IntervalSeconds as number | undefined) ?? 1) *
        ((rule.BackoffRate as number | undefined) ?? 2) ** attempts[index]!;
      const delaySeconds = Math.min(
        base,
        (rule.MaxDelaySeconds as number | undefined) ?? Number.POSITIVE_INFINITY,
      );
      attempts[index]!++;
      run.trace.retries.push({ state: name, error: error.error, delaySeconds });
    }
  }
}

/**
 * Step Functions' matching: terminal errors match nothing; States.ALL matches every other error;
 * States.TaskFailed matches every other error except States.Timeout; any other name matches itself.
 */
export function matches(errorEquals: readonly string[], error: string): boolean {
  if (TERMINAL_ERRORS.has(error)) return false;
  return (
    errorEquals.includes(error) ||
    errorEquals.includes("States.ALL") ||
    (errorEquals.includes("States.TaskFailed") && error !== "States.Timeout")
  );
}

function choose(state: Record<string, Json>, input: Json, run: Run): string {
  for (const rule of state.Choices as Record<string, Json>[]) {
    const value = readPath(input, rule.Variable as string, run);
    if ("BooleanEquals" in rule && value === rule.BooleanEquals) return rule.Next as string;
    if ("StringEquals" in rule && value === rule.StringEquals) return rule.Next as string;
  }
  if (state.Default === undefined) throw new StatesError("States.NoChoiceMatched", "no choice rule matched");
  return state.Default as string;
}

/** Payload template: keys ending in `.$` take a path or an intrinsic function; nested objects recurse. */
function template(shape: Json, input: Json, run: Run): Json {
  if (Array.isArray(shape)) return shape.map((item) => template(item, input, run));
  if (shape === null || typeof shape !== "object") return shape;
  const out: Record<string, Json> = {};
  for (const [key, value] of Object.entries(shape)) {
    if (key.endsWith(".$")) out[key.slice(0, -2)] = evaluate(value as string, input, run);
    else out[key] = template(value, input, run);
  }
  return out;
}

function evaluate(expression: string, input: Json, run: Run): Json {
  const call = /^(States\.\w+)\((.*)\)$/s.exec(expression);
  if (!call) return readPath(input, expression, run);
  const args = splitArguments(call[2]!).map((arg) =>
    arg.startsWith("'") ? arg.slice(1, -1).replaceAll("\\'", "'") : readPath(input, arg, run),
  );
  switch (call[1]) {
    case "States.Format": {
      const [format, ...values] = args as [string, ...Json[]];
      let next = 0;
      return format.replace(/\{\}/g, () => String(values[next++]));
    }
    case "States.StringToJson":
      try {
        return JSON.parse(args[0] as string);
      } catch {
        throw new StatesError(
          "States.Runtime",
          `States.StringToJson: argument is not JSON: ${String(args[0])}`,
        );
      }
    default:
      throw new Error(`intrinsic ${call[1]} is not supported`);
  }
}

function splitArguments(text: string): string[] {
  const args: string[] = [];
  let current = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (char === "\\" && quoted) {
      current += char + text[++i];
      continue;
    }
    if (char === "'") quoted = !quoted;
    if (char === "," && !quoted) {
      args.push(current.trim());
      current = "";
    } else current += char;
  }
  if (current.trim()) args.push(current.trim());
  return args;
}

function pathSteps(path: string): (string | number)[] {
  const steps: (string | number)[] = [];
  for (const match of path.matchAll(/\.([A-Za-z0-9_-]+)|\[(\d+)\]/g)) {
    steps.push(match[1] !== undefined ? match[1] : Number(match[2]));
  }
  return steps;
}

function readPath(input: Json, path: string, run: Run): Json {
  const root = path.startsWith("$$") ? run.context : input;
  let value: Json = root;
  for (const step of pathSteps(path.replace(/^\$\$?/, ""))) {
    if (value === null || typeof value !== "object" || !(step in (value as object))) {
      throw new StatesError("States.Runtime", `path ${path} does not exist in the input`);
    }
    value = (value as Record<string | number, Json>)[step];
  }
  return value;
}

function writeResult(input: Json, result: Json, resultPath: Json): Json {
  if (resultPath === null) return input;
  if (resultPath === undefined || resultPath === "$") return result;
  const steps = pathSteps((resultPath as string).slice(1));
  const output = structuredClone((input ?? {}) as Record<string, Json>);
  let target: Record<string | number, Json> = output;
  steps.slice(0, -1).forEach((step) => {
    if (typeof target[step] !== "object" || target[step] === null) target[step] = {};
    target = target[step] as Record<string | number, Json>;
  });
  target[steps.at(-1)!] = result;
  return output;
}
