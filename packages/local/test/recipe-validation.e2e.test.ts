import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { createDocumentClient, readExperimentCounters } from "@personalize-ab/adapters";
import { assignVariant, DEFAULT_EXPERIMENT, DEFAULT_TEST_NAME, ENV } from "@personalize-ab/domain";
import { LOCAL_CAMPAIGN_ARNS } from "@personalize-ab/local-recommender";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlatform, startPlatform } from "../src/platform";

const exec = promisify(execFile);
// The CLI signs its requests; local endpoints accept any credentials.
const cliEnv = { ...process.env, AWS_ACCESS_KEY_ID: "local", AWS_SECRET_ACCESS_KEY: "local", AWS_PAGER: "" };
const run = (command: string, args: string[]) => exec(command, args, { env: cliEnv });
let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startPlatform({ port: 0 });
});

afterAll(async () => {
  await platform?.stop();
});

/** The recipe's own `curl -X POST … -H "Content-Type: application/json" -d '…'`, verbatim. */
async function curl(
  path: string,
  payload: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const { stdout } = await run("curl", [
    "-s",
    "-w",
    "\n%{http_code}",
    "-X",
    "POST",
    `${platform.url}${path}`,
    "-H",
    "Content-Type: application/json",
    "-d",
    payload,
  ]);
  const lines = stdout.trimEnd().split("\n");
  const status = Number(lines.pop());
  return { status, body: JSON.parse(lines.join("\n")) };
}

/** The recipe's `aws dynamodb scan --table-name … --limit 10`, against DynamoDB Local. */
async function awsScan(table: string): Promise<Record<string, Record<string, string>>[]> {
  const { stdout } = await run("aws", [
    "dynamodb",
    "scan",
    "--table-name",
    table,
    "--limit",
    "10",
    "--endpoint-url",
    platform.dynamodbEndpoint,
    "--region",
    "us-east-1",
    "--output",
    "json",
  ]);
  return JSON.parse(stdout).Items;
}

describe("the recipe's Validation & Testing section, against the local platform", () => {
  it("answers the recommendation call with the user's variant and Personalize recommendations", async () => {
    const { status, body } = await curl("/recommendations", '{"user_id": "user_00001", "num_results": 5}');
    const variant = assignVariant("user_00001", DEFAULT_EXPERIMENT.name, DEFAULT_EXPERIMENT.variants);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      user_id: "user_00001",
      test_name: "default_recommendation_test",
      variant: variant.id,
      source: "personalize",
    });
    const recommendations = body.recommendations as { item_id: string; category: string | null }[];
    expect(recommendations).toHaveLength(5);
    expect(recommendations.every((r) => /^item_\d{5}$/.test(r.item_id) && r.category !== null)).toBe(true);
    expect(typeof body.recommendation_id).toBe("string");
  });

  it("accepts the event tracking calls, the router's and the API's payloads", async () => {
    const invoked = await curl(
      "/events",
      '{"user_id": "user_00001", "event_type": "view", "item_id": "item_00001", "session_id": "session_123"}',
    );
    const purchase = await curl(
      "/events",
      '{"user_id": "user_00001", "event_type": "purchase", "item_id": "item_00001"}',
    );
    expect(invoked.status).toBe(202);
    expect(purchase.status).toBe(202);
    expect(purchase.body).toMatchObject({ duplicate: false, forwarded: true });
  });

  it("answers the router's own test call", async () => {
    const { status, body } = await curl("/assignments", '{"user_id": "user_00001"}');
    expect(status).toBe(200);
    expect(body).toMatchObject({
      user_id: "user_00001",
      test_name: "default_recommendation_test",
      model_config: { campaign_arn: expect.stringMatching(/^arn:aws:personalize:/) },
    });
  });

  it("shows the assignment and the events in the tables, as the recipe's scans do", async () => {
    const assignments = await awsScan(platform.tables.assignments);
    expect(assignments).toContainEqual(
      expect.objectContaining({
        UserId: { S: "user_00001" },
        TestName: { S: "default_recommendation_test" },
      }),
    );
    const events = await awsScan(platform.tables.events);
    expect(events).toHaveLength(10);
    expect(events.every((e) => e.UserId?.S && e.EventId?.S && e.EventType?.S)).toBe(true);

    // The scan shows any ten events; the user's own, newest first, show what the calls stored.
    const { stdout } = await run("aws", [
      "dynamodb",
      "query",
      "--table-name",
      platform.tables.events,
      "--index-name",
      "UserTimeIndex",
      "--key-condition-expression",
      "UserId = :u",
      "--expression-attribute-values",
      '{":u": {"S": "user_00001"}}',
      "--no-scan-index-forward",
      "--endpoint-url",
      platform.dynamodbEndpoint,
      "--region",
      "us-east-1",
    ]);
    const mine = JSON.parse(stdout).Items as Record<string, Record<string, string>>[];
    const kinds = mine.map((e) => e.EventType?.S);
    expect(kinds).toEqual(expect.arrayContaining(["view", "purchase", "recommendation_served"]));
    const purchase = mine.find((e) => e.EventType?.S === "purchase")!;
    expect(purchase).toMatchObject({
      ItemId: { S: "item_00001" },
      TestName: { S: "default_recommendation_test" },
    });
  });

  it("serves the local campaigns to the AWS CLI, well formed", async () => {
    const { stdout } = await run("aws", [
      "personalize-runtime",
      "get-recommendations",
      "--campaign-arn",
      LOCAL_CAMPAIGN_ARNS["aws-user-personalization"],
      "--user-id",
      "user_00001",
      "--num-results",
      "3",
      "--endpoint-url",
      platform.personalizeEndpoint,
      "--region",
      "us-east-1",
    ]);
    const answer = JSON.parse(stdout);
    expect(answer.itemList).toHaveLength(3);
    expect(answer.recommendationId).toEqual(expect.any(String));
  });

  it("answers an unknown route as the API's $default route does, in the documented error shape", async () => {
    const response = await fetch(`${platform.url}/nowhere`, { method: "POST" });
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({
      error: { code: "not_found", details: [{ field: "path" }] },
    });
  });

  it("reports DynamoDB and the recommender reachable on GET /health", async () => {
    const response = await fetch(`${platform.url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      status: "ok",
      checks: { dynamodb: { status: "ok" }, recommender: { status: "ok" } },
    });
  });
});

describe("the experiment counters on the local platform", () => {
  it("count an enrolled user's purchase through the stream consumers and the real counters handler", async () => {
    const documents = createDocumentClient({ [ENV.dynamodbEndpoint]: platform.dynamodbEndpoint });
    const purchasers = async (variant: string) =>
      (await readExperimentCounters(documents, platform.tables.experimentCounters, DEFAULT_TEST_NAME))
        .filter((cell) => cell.metric === "purchase_rate" && cell.variant === variant)
        .reduce((total, cell) => total + cell.stats.sum, 0);
    const assigned = await curl("/assignments", '{"user_id": "stream_user_1"}');
    expect(assigned.status).toBe(200);
    const variant = String(assigned.body.variant);
    await platform.streams.caughtUp();
    const before = await purchasers(variant);

    const tracked = await curl(
      "/events",
      '{"user_id": "stream_user_1", "event_type": "purchase", "item_id": "item_00001", "event_value": 25}',
    );
    expect(tracked.status).toBe(202);
    await platform.streams.caughtUp();
    expect(await purchasers(variant)).toBe(before + 1);
  });
});
