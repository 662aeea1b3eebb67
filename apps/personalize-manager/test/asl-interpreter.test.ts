import { describe, expect, it } from "vitest";
import { DefinitionError, executeStateMachine, matches, StatesError } from "./support/asl-interpreter";

const FN = "arn:aws:lambda:us-east-1:123456789012:function:f";

/** One Task whose Parameters read `path`, caught by `errorEquals` into a Pass named "Caught". */
function machine(path: string, errorEquals: string[]) {
  return {
    StartAt: "Call",
    States: {
      Call: {
        Type: "Task",
        Resource: "arn:aws:states:::lambda:invoke",
        Parameters: { FunctionName: FN, Payload: { "value.$": path } },
        Catch: [{ ErrorEquals: errorEquals, ResultPath: "$.failure", Next: "Caught" }],
        End: true,
      },
      Caught: { Type: "Pass", End: true },
    },
  };
}

const run = (definition: unknown, invoke: () => unknown = () => ({ ok: true })) =>
  executeStateMachine(definition, { present: 1 }, { executionName: "e", invoke });

describe("the test ASL interpreter follows Step Functions", () => {
  it("lets States.ALL catch a task's error", async () => {
    const failing = () => {
      throw new StatesError("ManagerInternalError", "boom");
    };
    const result = await run(machine("$.present", ["States.ALL"]), failing);
    expect(result.status).toBe("SUCCEEDED");
    expect(result.visited).toEqual(["Call", "Caught"]);
  });

  it("does not let States.ALL (or States.TaskFailed, or the name itself) catch States.Runtime", async () => {
    for (const errorEquals of [["States.ALL"], ["States.TaskFailed"], ["States.Runtime"]]) {
      const result = await run(machine("$.missing", errorEquals));
      expect(result).toMatchObject({ status: "FAILED", error: "States.Runtime" });
      expect(result.visited).toEqual(["Call"]);
    }
  });

  it("matches States.TaskFailed to everything but States.Timeout and the terminal errors", () => {
    expect(matches(["States.TaskFailed"], "Lambda.ServiceException")).toBe(true);
    expect(matches(["States.TaskFailed"], "States.Timeout")).toBe(false);
    expect(matches(["States.ALL"], "States.Timeout")).toBe(true);
    expect(matches(["States.ALL"], "States.DataLimitExceeded")).toBe(false);
  });

  it("fails a run whose state output is over 256 KiB, uncatchably", async () => {
    const result = await run(machine("$.present", ["States.ALL"]), () => "x".repeat(300 * 1024));
    expect(result).toMatchObject({ status: "FAILED", error: "States.DataLimitExceeded" });
  });

  it("refuses definitions Step Functions would refuse", async () => {
    const base = machine("$.present", ["States.ALL"]);
    const broken = [
      {
        ...base,
        States: {
          ...base.States,
          Call: { ...base.States.Call, Catch: [{ ErrorEquals: ["States.ALL", "X"], Next: "Caught" }] },
        },
      },
      {
        ...base,
        States: {
          ...base.States,
          Call: {
            ...base.States.Call,
            Catch: [
              { ErrorEquals: ["States.ALL"], Next: "Caught" },
              { ErrorEquals: ["X"], Next: "Caught" },
            ],
          },
        },
      },
      { ...base, States: { ...base.States, Caught: { Type: "Pass", Next: "Nowhere" } } },
      { ...base, States: { ...base.States, Caught: { Type: "Pass", End: true, Catch: [] } } },
      { ...base, States: { ...base.States, Caught: { Type: "Pass" } } },
      { StartAt: "x".repeat(81), States: { ["x".repeat(81)]: { Type: "Succeed" } } },
    ];
    for (const definition of broken) await expect(run(definition)).rejects.toBeInstanceOf(DefinitionError);
  });
});
