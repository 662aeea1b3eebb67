import {
  STREAM_FUNCTIONS,
  type StreamFunctionDefinition,
  type StreamFunctionKey,
  type StreamSourceDefinition,
} from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import {
  catalogEventSourceMapping,
  type OnFailureDestination,
  type OnFailureRecord,
  type StreamHandler,
  type StreamRunner,
  startStreamRunner,
} from "@personalize-ab/local-streams";

/** A given-up batch is what the on-failure queue's depth alarm would page about: say so on stderr. */
const reportGivenUpBatch = (record: OnFailureRecord) => {
  process.stderr.write(
    `${JSON.stringify({ level: "ERROR", message: "stream batch given up", ...record })}\n`,
  );
};

export interface StreamConsumersOptions {
  readonly dynamodbEndpoint: string;
  readonly tables: TableNames;
  /** Where given-up batches go, standing in for each mapping's on-failure queue; a line on stderr by default. */
  readonly onFailure?: OnFailureDestination;
  /** Where shards without a checkpoint begin, instead of each source's catalog position. */
  readonly startingPosition?: "TRIM_HORIZON" | "LATEST";
}

export interface RunningStreamConsumers {
  /** Resolves once every stream record written before the call has been handled or given up. */
  caughtUp(): Promise<void>;
  /** Stops reading and keeps each shard's checkpoint; `resume()` goes on after it. */
  pause(): Promise<void>;
  resume(): Promise<void>;
  stop(): Promise<void>;
}

interface Consumer {
  readonly key: StreamFunctionKey;
  readonly source: StreamSourceDefinition;
  checkpoints: Record<string, string>;
  runner?: StreamRunner;
}

/** One stream runner per source table of every catalog stream function, each with its handler. */
export async function startStreamConsumers(
  handlers: Record<StreamFunctionKey, StreamHandler>,
  options: StreamConsumersOptions,
): Promise<RunningStreamConsumers> {
  const consumers: Consumer[] = (Object.keys(STREAM_FUNCTIONS) as StreamFunctionKey[]).flatMap((key) =>
    STREAM_FUNCTIONS[key].streams.map((source) => ({ key, source, checkpoints: {} })),
  );
  const pause = async () => {
    await Promise.all(
      consumers.map(async (consumer) => {
        if (!consumer.runner) return;
        await consumer.runner.stop();
        consumer.checkpoints = consumer.runner.checkpoints();
        delete consumer.runner;
      }),
    );
  };
  const resume = async () => {
    try {
      for (const consumer of consumers) {
        if (consumer.runner) continue;
        const definition: StreamFunctionDefinition = STREAM_FUNCTIONS[consumer.key];
        consumer.runner = await startStreamRunner({
          endpoint: options.dynamodbEndpoint,
          tableName: options.tables[consumer.source.table],
          handler: handlers[consumer.key],
          functionName: definition.app,
          mapping: {
            ...catalogEventSourceMapping(definition, consumer.source),
            ...(options.startingPosition && { startingPosition: options.startingPosition }),
          },
          onFailure: options.onFailure ?? reportGivenUpBatch,
          checkpoints: consumer.checkpoints,
        });
      }
    } catch (error) {
      await pause();
      throw error;
    }
  };
  await resume();
  return {
    caughtUp: async () => {
      await Promise.all(consumers.map((consumer) => consumer.runner?.caughtUp()));
    },
    pause,
    resume,
    stop: pause,
  };
}
