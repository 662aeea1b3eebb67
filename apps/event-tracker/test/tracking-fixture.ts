import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient } from "@personalize-ab/adapters";
import {
  invokeRoute,
  type LocalPersonalizeBehaviour,
  platformConfigItem,
  startLocalPersonalize,
  userItems,
} from "@personalize-ab/adapters/testing";
import { ENV } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";

export const TRACKING_ID = "tracking-from-config";

/**
 * The event tracker handler on fresh DynamoDB Local tables, with a local Personalize stand-in
 * behind the real events client. Config is read on every request, so a test can change it.
 */
export async function startTracking(
  options: { timeoutMs?: number; personalize?: Partial<LocalPersonalizeBehaviour> } = {},
) {
  const created = await createTestTables();
  const personalize = await startLocalPersonalize(options.personalize);
  Object.assign(process.env, created.env, {
    [ENV.personalizeEventsEndpoint]: personalize.endpoint,
    [ENV.personalizeTimeoutMs]: String(options.timeoutMs ?? 800),
    [ENV.configCacheTtlSeconds]: "0",
  });
  delete process.env[ENV.trackingId];
  const documents = createDocumentClient(created.env);
  const { tables } = created;
  const setTrackingId = (trackingId: string | undefined) =>
    documents.send(
      new PutCommand({ TableName: tables.experiments, Item: platformConfigItem({ trackingId }) }),
    );
  await setTrackingId(TRACKING_ID);
  const { handler } = await import("../src/handler");

  return {
    handler,
    personalize,
    documents,
    tables,
    setTrackingId,
    post: (body: unknown) =>
      invokeRoute(handler, "eventTracker", typeof body === "string" ? body : JSON.stringify(body)),
    eventsOf: (userId: string) => userItems(documents, tables.events, userId),
    async assignmentOf(userId: string, testName: string) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tables.assignments, Key: { UserId: userId, TestName: testName } }),
      );
      return Item;
    },
    /** PutEvents bodies the stand-in received for a user. */
    forwardedFor(userId: string) {
      return personalize.received.filter((call) => call.path === "/events" && call.body.userId === userId);
    },
  };
}

export type Tracking = Awaited<ReturnType<typeof startTracking>>;
