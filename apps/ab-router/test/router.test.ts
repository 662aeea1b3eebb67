import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { createDocumentClient, experimentItem } from "@personalize-ab/adapters";
import {
  frameAcceptedRequests,
  frameBadInputCases,
  invokeRoute,
  userItems,
} from "@personalize-ab/adapters/testing";
import { assignVariant, DEFAULT_EXPERIMENT, type ExperimentInput } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { postAssignment } from "./invoke";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;
let tables: Awaited<ReturnType<typeof createTestTables>>["tables"];
const documents = () => createDocumentClient();

beforeAll(async () => {
  const created = await createTestTables();
  tables = created.tables;
  Object.assign(process.env, created.env, { CAMPAIGN_A_ARN: "arn:aws:personalize:us-east-1:1:campaign/a" });
  ({ handler } = await import("../src/handler"));
});

const VALID = { user_id: "frame-user" };
const storedAssignments = (userId: string) => userItems(documents(), tables.assignments, userId);

describe("POST /assignments", () => {
  it("answers the recipe's router contract with the hash's variant and stores it", async () => {
    const answer = await postAssignment(handler, JSON.stringify({ user_id: "user_00001" }));
    const expected = assignVariant("user_00001", "default_recommendation_test", DEFAULT_EXPERIMENT.variants);
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      user_id: "user_00001",
      test_name: "default_recommendation_test",
      variant: expected.id,
      status: "active",
      model_config: {
        recipe: expected.recipe,
        campaign_arn: expected.id === "variant_a" ? "arn:aws:personalize:us-east-1:1:campaign/a" : null,
        description: expected.description,
      },
    });
    const [item] = await storedAssignments("user_00001");
    expect(item).toMatchObject({
      UserId: "user_00001",
      TestName: "default_recommendation_test",
      Variant: expected.id,
    });
    expect(item?.AssignmentTimestamp).toBeGreaterThan(1_700_000_000);
    expect(item?.AssignmentTimestamp).toBeLessThan(10_000_000_000);
  });

  it("takes the campaign ARN of the variant from the environment, as the recipe does", async () => {
    const userId = Array.from({ length: 50 }, (_, i) => `arn-user-${i}`).find(
      (id) =>
        assignVariant(id, "default_recommendation_test", DEFAULT_EXPERIMENT.variants).id === "variant_a",
    )!;
    const answer = await postAssignment(handler, JSON.stringify({ user_id: userId }));
    expect(answer.body.model_config).toEqual({
      recipe: "aws-user-personalization",
      campaign_arn: "arn:aws:personalize:us-east-1:1:campaign/a",
      description: "User-Personalization Algorithm",
    });
  });

  it("keeps a stored assignment even when the hash would now say otherwise", async () => {
    const userId = "sticky-user";
    const hashed = assignVariant(userId, "default_recommendation_test", DEFAULT_EXPERIMENT.variants).id;
    const other = DEFAULT_EXPERIMENT.variants.find((v) => v.id !== hashed)!.id;
    await documents().send(
      new PutCommand({
        TableName: tables.assignments,
        Item: {
          UserId: userId,
          TestName: "default_recommendation_test",
          Variant: other,
          AssignmentTimestamp: 1,
        },
      }),
    );
    const answer = await postAssignment(handler, JSON.stringify({ user_id: userId }));
    expect(answer.body.variant).toBe(other);
  });

  it("gives 40 concurrent first requests of a new user one variant, stored exactly once, for 5 users in turn", async () => {
    // 40 in flight at a time: every one of them reads "not enrolled" before any conditional write
    // lands, which is the race. 200 at once against one DynamoDB Local on a loaded 2-core machine
    // only measured its queue (84 of 200 ran out of their 2 s request budget at load 23).
    for (const userId of ["race-user-1", "race-user-2", "race-user-3", "race-user-4", "race-user-5"]) {
      const body = JSON.stringify({ user_id: userId });
      const answers = await Promise.all(Array.from({ length: 40 }, () => postAssignment(handler, body)));
      expect(answers.map((a) => a.status)).toEqual(answers.map(() => 200));
      expect(new Set(answers.map((a) => a.body.variant)).size).toBe(1);
      const stored = await storedAssignments(userId);
      expect(stored).toHaveLength(1);
      expect(stored[0]?.Variant).toBe(answers[0]?.body.variant);
    }
  });

  it("serves an experiment stored in the experiments table, with its own weights and campaigns", async () => {
    const experiment: ExperimentInput = {
      name: "homepage_carousel",
      status: "active",
      variants: [
        { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "control" },
        {
          id: "treatment",
          weight: 0.5,
          recipe: "aws-user-personalization-v2",
          campaignArn: "arn:aws:personalize:us-east-1:1:campaign/t",
          description: "treatment",
        },
      ],
    };
    await documents().send(
      new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }),
    );
    for (const userId of ["u1", "u2", "u3", "u4", "u5", "u6"]) {
      const answer = await postAssignment(
        handler,
        JSON.stringify({ user_id: userId, test_name: experiment.name }),
      );
      const expected = assignVariant(userId, experiment.name, experiment.variants);
      expect(answer.body).toMatchObject({ test_name: experiment.name, variant: expected.id });
      expect((answer.body.model_config as { campaign_arn: unknown }).campaign_arn).toBe(
        expected.campaignArn ?? null,
      );
    }
  });
});

describe("bad input to POST /assignments", () => {
  it.each([
    ["a missing user_id", "{}", 400, "user_id", "is required"],
    ["an empty user_id", '{"user_id":""}', 400, "user_id", "must not be empty"],
    ["a numeric user_id", '{"user_id":42}', 400, "user_id", "must be a string"],
    ["a null user_id", '{"user_id":null}', 400, "user_id", "must be a string"],
    [
      "a user_id over 256 characters",
      JSON.stringify({ user_id: "u".repeat(257) }),
      400,
      "user_id",
      "at most 256",
    ],
    ["a user_id with a lone surrogate", '{"user_id":"a\\ud800b"}', 400, "user_id", "valid Unicode"],
    ["a body that is not JSON", "{user_id: 1", 400, "body", "valid JSON"],
    ["a body that is an array", '[{"user_id":"u"}]', 400, "body", "JSON object"],
    ["a body that is a string", '"user_00001"', 400, "body", "JSON object"],
    ["no body at all", undefined, 400, "body", "is required"],
    [
      "a test_name that is not a string",
      '{"user_id":"u","test_name":7}',
      400,
      "test_name",
      "must be a string",
    ],
    ["a malformed test_name", '{"user_id":"u","test_name":"a b"}', 400, "test_name", "letters, digits"],
    ["an unknown test_name", '{"user_id":"u","test_name":"no_such_test"}', 404, "test_name", "no_such_test"],
    ["an oversized body", JSON.stringify({ user_id: "u", pad: "x".repeat(70_000) }), 413, "body", "at most"],
  ])("rejects %s with a 4xx naming the field", async (_, body, status, field, problem) => {
    const answer = await postAssignment(handler, body);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, problem: expect.stringContaining(problem) })]),
    );
    expect(answer.body.error?.message).toContain(field);
  });

  it.each(frameBadInputCases(VALID, "user_id"))(
    "refuses %s whatever the contract, naming the field",
    async (_, request, status, field, problem) => {
      const answer = await invokeRoute(handler, "abRouter", request.body, request.headers);
      expect(answer.status).toBe(status);
      expect(answer.body.error?.details).toEqual(
        expect.arrayContaining([
          expect.objectContaining({ field, problem: expect.stringContaining(problem) }),
        ]),
      );
      expect(answer.body.error?.message).toContain(field);
    },
  );

  it.each(frameAcceptedRequests(VALID))("accepts %s", async (_, request) => {
    const answer = await invokeRoute(handler, "abRouter", request.body, request.headers);
    expect(answer.status).toBe(200);
  });

  it("stores nothing for a rejected request", async () => {
    await postAssignment(handler, JSON.stringify({ user_id: "rejected-user", test_name: "nope" }));
    expect(await storedAssignments("rejected-user")).toEqual([]);
  });
});
