import type { DynamoDbLocalExit, RunningDynamoDbLocal } from "@personalize-ab/dynamodb-local";

export interface DynamoDbLocalWatch {
  /** Why DynamoDB Local is gone, for `/health`; undefined while it runs. */
  problem(): string | undefined;
}

function howItEnded(exit: DynamoDbLocalExit): string {
  return exit.signal ? `killed by ${exit.signal}` : `exited with code ${exit.code}`;
}

/** The one line a developer needs: what died, how, what the API does now, and what to do. */
export function dynamoDbLocalDeathNotice(pid: number, exit: DynamoDbLocalExit, dataDir?: string): string {
  // A JVM that crashed (out of memory, a corrupt database) says why last; a killed one says nothing new.
  const lastWords = exit.signal ? undefined : exit.stderr.split("\n").at(-1)?.trim();
  const data = dataDir ? `its data is kept in ${dataDir}` : "the data it held in memory is lost";
  return [
    `DynamoDB Local (pid ${pid}) ${howItEnded(exit)}${lastWords ? ` (last words: ${lastWords})` : ""}.`,
    "Requests are answered 503 service_unavailable until the platform is restarted:",
    `press Ctrl-C and run npm start again with the same options (${data}).`,
  ].join(" ");
}

/**
 * Watches the DynamoDB Local the platform runs. When it dies, the platform keeps serving: the
 * handlers answer 503 (their client is refused at once), `/health` says what died, and one line
 * says so, rather than exiting under a developer's open browser tab or test run.
 */
export function watchDynamoDbLocal(
  dynamodb: RunningDynamoDbLocal,
  options: {
    readonly dataDir?: string;
    readonly say: (line: string) => void;
    /** What else stops using it (stream consumers and schedules would otherwise retry and log forever). */
    readonly onDeath: () => Promise<void>;
  },
): DynamoDbLocalWatch {
  let problem: string | undefined;
  void dynamodb.died.then(async (exit) => {
    problem = `DynamoDB Local ${howItEnded(exit)}; restart the platform`;
    options.say(dynamoDbLocalDeathNotice(dynamodb.pid, exit, options.dataDir));
    await options.onDeath().catch(() => undefined);
  });
  return { problem: () => problem };
}
