import {
  DescribeExecutionCommand,
  GetExecutionHistoryCommand,
  type HistoryEvent,
  paginateListStateMachines,
  type SFNClient,
  StartExecutionCommand,
} from "@aws-sdk/client-sfn";
import { trainingStateMachineName } from "../pipeline/names";
import { progressLine } from "./execution-progress";

export interface FollowOptions {
  readonly sfn: SFNClient;
  readonly namePrefix: string;
  readonly now: () => Date;
  readonly sleep: (ms: number) => Promise<void>;
  readonly print: (line: string) => void;
  readonly pollMs: number;
}

export class StateMachineNotFoundError extends Error {
  override name = "StateMachineNotFoundError";
}

async function findStateMachineArn(sfn: SFNClient, name: string): Promise<string> {
  for await (const page of paginateListStateMachines({ client: sfn }, {})) {
    const found = page.stateMachines?.find((machine) => machine.name === name);
    if (found?.stateMachineArn) return found.stateMachineArn;
  }
  throw new StateMachineNotFoundError(`no state machine named ${name}; is the environment deployed?`);
}

/** `train-20261125T172904Z`: short enough for the per-run Personalize names built from it. */
export function executionName(now: Date): string {
  return `train-${now.toISOString().replace(/[-:]/g, "").replace(/\.\d+/, "")}`;
}

/** History events newer than `after`, oldest first: read newest-first and stop at what was shown. */
async function newEvents(sfn: SFNClient, executionArn: string, after: number): Promise<HistoryEvent[]> {
  const fresh: HistoryEvent[] = [];
  let nextToken: string | undefined;
  do {
    const page = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn, reverseOrder: true, maxResults: 100, nextToken }),
    );
    for (const event of page.events ?? []) {
      if ((event.id ?? 0) <= after) return fresh.reverse();
      fresh.push(event);
    }
    nextToken = page.nextToken;
  } while (nextToken);
  return fresh.reverse();
}

/** Starts the environment's training pipeline and prints its progress until it ends; returns its final status. */
export async function startAndFollowTraining(options: FollowOptions): Promise<string> {
  const { sfn, print } = options;
  const stateMachineArn = await findStateMachineArn(sfn, trainingStateMachineName(options.namePrefix));
  const started = await sfn.send(
    new StartExecutionCommand({ stateMachineArn, name: executionName(options.now()), input: "{}" }),
  );
  const executionArn = started.executionArn!;
  print(`execution ${executionArn}`);
  let lastShown = 0;
  for (;;) {
    const { status, output } = await sfn.send(new DescribeExecutionCommand({ executionArn }));
    for (const event of await newEvents(sfn, executionArn, lastShown)) {
      lastShown = Math.max(lastShown, event.id ?? 0);
      const line = progressLine(event);
      if (line) print(line);
    }
    if (status && status !== "RUNNING") {
      if (status === "SUCCEEDED" && output)
        print(`published: ${JSON.stringify(JSON.parse(output).published?.body ?? {})}`);
      print(`training ${status}`);
      return status;
    }
    await options.sleep(options.pollMs);
  }
}
