import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  ListStateMachinesCommand,
  SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { executionName, startAndFollowTraining } from "../src/cli/follow-training";

const sfnMock = mockClient(SFNClient);
const MACHINE = "arn:aws:states:us-east-1:123456789012:stateMachine:personalize-ab-dev-training";
const EXECUTION =
  "arn:aws:states:us-east-1:123456789012:execution:personalize-ab-dev-training:train-20261125T120000Z";
const at = (second: number) => new Date(Date.UTC(2026, 10, 25, 12, 0, second));

function follow() {
  const printed: string[] = [];
  const sleeps: number[] = [];
  const result = startAndFollowTraining({
    sfn: new SFNClient({ region: "us-east-1", credentials: { accessKeyId: "x", secretAccessKey: "x" } }),
    namePrefix: "personalize-ab-dev",
    now: () => at(0),
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    print: (line) => printed.push(line),
    pollMs: 30_000,
  });
  return { result, printed, sleeps };
}

beforeEach(() => {
  sfnMock.reset();
  sfnMock
    .on(ListStateMachinesCommand)
    .resolvesOnce({
      stateMachines: [{ name: "other", stateMachineArn: "arn:other", type: "STANDARD", creationDate: at(0) }],
      nextToken: "p2",
    })
    .resolvesOnce({
      stateMachines: [
        {
          name: "personalize-ab-dev-training",
          stateMachineArn: MACHINE,
          type: "STANDARD",
          creationDate: at(0),
        },
      ],
    });
  sfnMock.on(StartExecutionCommand).resolves({ executionArn: EXECUTION, startDate: at(0) });
});

describe("personalize:train", () => {
  it("names executions so that per-run Personalize names stay short", () => {
    expect(executionName(new Date("2026-11-25T17:29:04.123Z"))).toBe("train-20261125T172904Z");
  });

  it("starts the environment's pipeline and prints new progress each poll until it succeeds", async () => {
    sfnMock
      .on(DescribeExecutionCommand)
      .resolvesOnce({ status: "RUNNING" })
      .resolvesOnce({
        status: "SUCCEEDED",
        output: JSON.stringify({ published: { body: { tracking_id_published: true } } }),
      });
    sfnMock
      .on(GetExecutionHistoryCommand)
      .resolvesOnce({
        events: [
          {
            id: 3,
            type: "WaitStateEntered",
            timestamp: at(2),
            stateEnteredEventDetails: { name: "Wait for x" },
          },
          {
            id: 2,
            type: "TaskStateEntered",
            timestamp: at(1),
            stateEnteredEventDetails: { name: "Export interactions" },
          },
          { id: 1, type: "ExecutionStarted", timestamp: at(0) },
        ],
      })
      .resolvesOnce({
        events: [
          { id: 6, type: "ExecutionSucceeded", timestamp: at(9) },
          {
            id: 5,
            type: "TaskStateExited",
            timestamp: at(8),
            stateExitedEventDetails: {
              name: "Check sims training",
              output: JSON.stringify({ status: { body: { status: "ACTIVE" } } }),
            },
          },
          {
            id: 4,
            type: "ChoiceStateEntered",
            timestamp: at(7),
            stateEnteredEventDetails: { name: "Is it done?" },
          },
        ],
        nextToken: "older",
      })
      .resolvesOnce({
        events: [
          {
            id: 3,
            type: "WaitStateEntered",
            timestamp: at(2),
            stateEnteredEventDetails: { name: "Wait for x" },
          },
        ],
      });

    const run = follow();
    expect(await run.result).toBe("SUCCEEDED");
    expect(run.printed).toEqual([
      `execution ${EXECUTION}`,
      "12:00:00  started",
      "12:00:01  -> Export interactions",
      "12:00:08     sims training: ACTIVE",
      "12:00:09  succeeded",
      'published: {"tracking_id_published":true}',
      "training SUCCEEDED",
    ]);
    expect(run.sleeps).toEqual([30_000]);
    expect(sfnMock.commandCalls(StartExecutionCommand)[0]!.args[0].input).toEqual({
      stateMachineArn: MACHINE,
      name: "train-20261125T120000Z",
      input: "{}",
    });
    expect(sfnMock.commandCalls(DescribeExecutionCommand).map((call) => call.args[0].input)).toEqual([
      { executionArn: EXECUTION },
      { executionArn: EXECUTION },
    ]);
    expect(sfnMock.commandCalls(GetExecutionHistoryCommand).map((call) => call.args[0].input)).toEqual([
      { executionArn: EXECUTION, reverseOrder: true, maxResults: 100 },
      { executionArn: EXECUTION, reverseOrder: true, maxResults: 100 },
      { executionArn: EXECUTION, reverseOrder: true, maxResults: 100, nextToken: "older" },
    ]);
  });

  it("reports a failed run with its error and returns FAILED", async () => {
    sfnMock.on(DescribeExecutionCommand).resolves({ status: "FAILED" });
    sfnMock.on(GetExecutionHistoryCommand).resolves({
      events: [
        {
          id: 2,
          type: "ExecutionFailed",
          timestamp: at(5),
          executionFailedEventDetails: {
            error: "SolutionVersionFailed",
            cause: "sims training ended in a failed state",
          },
        },
        { id: 1, type: "ExecutionStarted", timestamp: at(0) },
      ],
    });
    const run = follow();
    expect(await run.result).toBe("FAILED");
    expect(run.printed.slice(-2)).toEqual([
      "12:00:05  failed: SolutionVersionFailed (sims training ended in a failed state)",
      "training FAILED",
    ]);
    expect(run.sleeps).toEqual([]);
  });

  it("says so when the environment has no training pipeline", async () => {
    sfnMock.on(ListStateMachinesCommand).resolves({ stateMachines: [] });
    await expect(follow().result).rejects.toThrow(/no state machine named personalize-ab-dev-training/);
    expect(sfnMock.commandCalls(StartExecutionCommand)).toHaveLength(0);
  });
});
