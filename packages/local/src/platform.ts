import { type DynamoDBDocumentClient, ScanCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import { DEV_BROWSER_ORIGINS, ENV } from "@personalize-ab/domain";
import {
  createCatalogTables,
  localDynamoDbClient,
  type RunningDynamoDbLocal,
  startDynamoDbLocal,
  type TableNames,
  tableEnvironment,
} from "@personalize-ab/dynamodb-local";
import {
  LocalRecommender,
  type RunningRecommenderServer,
  startRecommenderServer,
  trainingOptionsOf,
} from "@personalize-ab/local-recommender";
import {
  computePopularItems,
  generateSampleData,
  loadCatalog,
  publishPopularItems,
} from "@personalize-ab/sample-data";
import { LOCAL_AUDIENCE, LOCAL_ISSUER, LocalIssuer } from "./auth/local-issuer";
import { watchDynamoDbLocal } from "./dynamodb-local-watch";
import type { ExtraRoute } from "./gateway/gateway-app";
import { type RunningGateway, startGateway } from "./gateway/http-gateway";
import { jwtAuthorizer } from "./gateway/jwt-authorizer";
import { loadHandlers, loadScheduledHandlers, loadStreamHandlers } from "./handlers";
import { publishLocalExperimentConfig } from "./local-experiment-config";
import { dynamoDbHealthCheck, recommenderHealthCheck } from "./platform-health";
import { quietEnvironment } from "./quiet-environment";
import { loadRecentHistory } from "./recent-history";
import { type RunningSchedules, startSchedules } from "./scheduled-functions";
import { type RunningStreamConsumers, startStreamConsumers } from "./stream-consumers";

const STARTUP_DYNAMODB_TIMEOUT_MS = 30_000;

export const LOCAL_TABLE_PREFIX = "personalize-ab-local";

/** The scheduled functions the local platform runs; the event replay is exercised by its own tests. */
const LOCAL_SCHEDULED_FUNCTIONS = ["banditUpdater"] as const;

export interface PlatformOptions {
  /** Gateway port; 3000 by default, 0 for any free one. */
  readonly port?: number;
  /** Keep DynamoDB data in this folder across restarts; in memory when omitted. */
  readonly dataDir?: string;
  /** Progress lines while starting; silent when omitted. */
  readonly log?: (line: string) => void;
  /** Show the handlers' INFO logs and EMF metrics (quiet by default). */
  readonly verbose?: boolean;
  /**
   * Emulate the HTTP API's JWT authorizer on client routes with a local issuer whose key is kept
   * in this file (created on first use); routes are open when omitted.
   */
  readonly authKeyFile?: string;
  /** Read-only pages and documents served beside the API (`GET`). */
  readonly extraRoutes?: readonly ExtraRoute[];
  /** Milliseconds between runs of the local scheduled functions; 10 s by default. */
  readonly scheduleEveryMs?: number;
  /** What goes wrong while serving (DynamoDB Local dying), one line each; stderr when omitted. */
  readonly warn?: (line: string) => void;
}

export interface RunningPlatform {
  readonly url: string;
  readonly dynamodbEndpoint: string;
  readonly personalizeEndpoint: string;
  readonly tables: TableNames;
  /** The local issuer, when started with `authKeyFile`. */
  readonly issuer?: LocalIssuer;
  /** The stream functions' consumers of DynamoDB Local's streams, as Lambda's event source mappings. */
  readonly streams: RunningStreamConsumers;
  /** The scheduled functions run locally in place of their EventBridge rules. */
  readonly schedules: RunningSchedules;
  stop(): Promise<void>;
}

async function hasItems(documents: DynamoDBDocumentClient, itemsTable: string): Promise<boolean> {
  const { Count } = await documents.send(
    new ScanCommand({ TableName: itemsTable, Limit: 1, Select: "COUNT" }),
  );
  return (Count ?? 0) > 0;
}

/**
 * Starts the whole platform: DynamoDB Local with the catalog's tables and the sample data, the
 * local recommender trained on the sample interactions, the experiment config pointing at its
 * campaigns, and every catalog route served by its real handler.
 */
export async function startPlatform(options: PlatformOptions = {}): Promise<RunningPlatform> {
  const log = options.log ?? (() => undefined);
  const started: { stop(): Promise<void> }[] = [];
  const stop = async () => {
    for (const service of started.reverse()) await service.stop();
  };
  try {
    const dynamodb: RunningDynamoDbLocal = await startDynamoDbLocal(
      options.dataDir ? { dataDir: options.dataDir } : {},
    );
    started.push(dynamodb);
    log(
      `DynamoDB Local on ${dynamodb.endpoint}${options.dataDir ? ` (data kept in ${options.dataDir})` : ""}`,
    );
    const tables = await createCatalogTables(localDynamoDbClient(dynamodb.endpoint), LOCAL_TABLE_PREFIX);
    // Start-up writes the whole sample catalog: on a busy machine one batch can take longer than a
    // serving request's budget, which the handlers keep.
    const documents = createDocumentClient({
      [ENV.dynamodbEndpoint]: dynamodb.endpoint,
      [ENV.dynamodbTimeoutMs]: String(STARTUP_DYNAMODB_TIMEOUT_MS),
    });

    const data = generateSampleData();
    const sampleDataLoaded = await hasItems(documents, tables.items);
    if (sampleDataLoaded) {
      log("sample catalog already loaded");
    } else {
      await loadCatalog(documents, { usersTable: tables.users, itemsTable: tables.items }, data, {
        progress: null,
      });
      const events = await loadRecentHistory(documents, tables.events, data.interactions);
      log(`loaded ${data.users.length} users, ${data.items.length} items and ${events} recent events`);
    }
    await publishPopularItems(documents, tables.experiments, computePopularItems(data.interactions));

    const recommender = LocalRecommender.train(data.interactions, trainingOptionsOf(data));
    const personalize: RunningRecommenderServer = await startRecommenderServer(recommender);
    started.push(personalize);
    log(
      `local recommender trained on ${data.interactions.length} interactions in ${recommender.trainingMs.toFixed(0)} ms, serving the Personalize API on ${personalize.endpoint}`,
    );
    await publishLocalExperimentConfig(documents, tables.experiments);

    Object.assign(process.env, {
      ...tableEnvironment(tables),
      [ENV.dynamodbEndpoint]: dynamodb.endpoint,
      [ENV.personalizeRuntimeEndpoint]: personalize.endpoint,
      [ENV.personalizeEventsEndpoint]: personalize.endpoint,
      [ENV.configCacheTtlSeconds]: "5",
      AWS_REGION: "us-east-1",
      ...quietEnvironment(options.verbose),
    });
    const streams = await startStreamConsumers(await loadStreamHandlers(), {
      dynamodbEndpoint: dynamodb.endpoint,
      tables,
      // Freshly loaded, the streams hold only the sample history, which no Lambda would ever see.
      ...(!sampleDataLoaded && { startingPosition: "LATEST" as const }),
    });
    started.push(streams);
    // On a short schedule, so that a bandit's weights visibly follow the local traffic.
    const schedules = startSchedules(await loadScheduledHandlers(LOCAL_SCHEDULED_FUNCTIONS), {
      ...(options.scheduleEveryMs !== undefined && { everyMs: options.scheduleEveryMs }),
    });
    started.push(schedules);
    const dynamodbWatch = watchDynamoDbLocal(dynamodb, {
      ...(options.dataDir && { dataDir: options.dataDir }),
      say: options.warn ?? ((line) => process.stderr.write(`${line}\n`)),
      onDeath: async () => {
        await Promise.all([streams.pause(), schedules.stop()]);
      },
    });
    const issuer = options.authKeyFile ? await LocalIssuer.load(options.authKeyFile) : undefined;
    const gateway: RunningGateway = await startGateway(await loadHandlers(), {
      port: options.port ?? 3000,
      corsOrigins: DEV_BROWSER_ORIGINS,
      healthChecks: {
        dynamodb: dynamoDbHealthCheck(dynamodb.endpoint, tables.assignments, dynamodbWatch.problem),
        recommender: recommenderHealthCheck(personalize.endpoint),
      },
      ...(options.extraRoutes && { extraRoutes: options.extraRoutes }),
      ...(issuer && {
        jwtAuthorizer: jwtAuthorizer({
          issuer: LOCAL_ISSUER,
          audience: [LOCAL_AUDIENCE],
          keys: issuer.keys(),
        }),
      }),
    });
    started.push(gateway);
    return {
      url: gateway.url,
      dynamodbEndpoint: dynamodb.endpoint,
      personalizeEndpoint: personalize.endpoint,
      tables,
      ...(issuer && { issuer }),
      streams,
      schedules,
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
