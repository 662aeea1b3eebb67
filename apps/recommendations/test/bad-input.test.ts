import {
  frameAcceptedRequests,
  frameBadInputCases,
  invokeRoute,
  mostly,
  postRandomBodies,
} from "@personalize-ab/adapters/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type Serving, startServing } from "./serving-fixture";

let serving: Serving;

beforeAll(async () => {
  serving = await startServing();
});
afterAll(() => serving.personalize.stop());

const VALID = { user_id: "frame-user", num_results: 3 };

describe("bad input to POST /recommendations", () => {
  it.each([
    ["a missing user_id", 400, "user_id", "is required", "{}"],
    ["an empty user_id", 400, "user_id", "must not be empty", '{"user_id":""}'],
    ["a numeric user_id", 400, "user_id", "must be a string", '{"user_id":7}'],
    [
      "a user_id over 256 characters",
      400,
      "user_id",
      "at most 256",
      JSON.stringify({ user_id: "u".repeat(257) }),
    ],
    ["a user_id with a lone surrogate", 400, "user_id", "valid Unicode", '{"user_id":"a\\udc00"}'],
    ["num_results of 0", 400, "num_results", "at least 1", '{"user_id":"u","num_results":0}'],
    ["num_results over 500", 400, "num_results", "at most 500", '{"user_id":"u","num_results":501}'],
    ["a fractional num_results", 400, "num_results", "whole number", '{"user_id":"u","num_results":2.5}'],
    ["a string num_results", 400, "num_results", "must be a number", '{"user_id":"u","num_results":"5"}'],
    ["a malformed test_name", 400, "test_name", "letters, digits", '{"user_id":"u","test_name":"a b"}'],
    ["an unknown test_name", 404, "test_name", "nope", '{"user_id":"u","test_name":"nope"}'],
    ["an empty item_id", 400, "item_id", "must not be empty", '{"user_id":"u","item_id":""}'],
    ["an array context", 400, "context", "object of string values", '{"user_id":"u","context":["a"]}'],
    ["a context with a number value", 400, "context.a", "strings", '{"user_id":"u","context":{"a":1}}'],
    [
      "a context of 151 entries",
      400,
      "context",
      "at most 150",
      JSON.stringify({
        user_id: "u",
        context: Object.fromEntries(Array.from({ length: 151 }, (_, i) => [`k${i}`, "v"])),
      }),
    ],
    ["an unknown filter", 400, "filter", "must be one of", '{"user_id":"u","filter":"cheap"}'],
    [
      "a filter missing its value",
      400,
      "filter_values.CATEGORY",
      "is required by the category filter",
      '{"user_id":"u","filter":"category"}',
    ],
    [
      "a filter with a value it has no parameter for",
      400,
      "filter_values.BRAND",
      "is not a parameter of the category filter",
      '{"user_id":"u","filter":"category","filter_values":{"CATEGORY":"books","BRAND":"b1"}}',
    ],
    [
      "filter values without a filter",
      400,
      "filter_values",
      "needs a filter",
      '{"user_id":"u","filter_values":{"CATEGORY":"books"}}',
    ],
    [
      "a numeric filter value",
      400,
      "filter_values.CATEGORY",
      "string or a list of strings",
      '{"user_id":"u","filter":"category","filter_values":{"CATEGORY":3}}',
    ],
    ["a body that is not JSON", 400, "body", "valid JSON", "{user_id"],
    ["a body that is an array", 400, "body", "JSON object", "[]"],
    ["a body that is null", 400, "body", "JSON object", "null"],
    ["no body", 400, "body", "is required", undefined],
    ["an oversized body", 413, "body", "at most", JSON.stringify({ user_id: "u", pad: "x".repeat(70_000) })],
  ])("rejects %s with a %i naming %s", async (_, status, field, problem, body) => {
    const answer = await serving.post(body);
    expect(answer.status).toBe(status);
    expect(answer.body.error?.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, problem: expect.stringContaining(problem) })]),
    );
    expect(answer.body.error?.message).toContain(field);
  });

  it.each(frameBadInputCases(VALID, "user_id"))(
    "refuses %s whatever the contract, naming the field",
    async (_, request, status, field, problem) => {
      const answer = await invokeRoute(serving.handler, "recommendations", request.body, request.headers);
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
    const answer = await invokeRoute(serving.handler, "recommendations", request.body, request.headers);
    expect(answer.status).toBe(200);
  });

  it.each([
    ["the smallest request", { user_id: "reach-1" }],
    [
      "every field",
      {
        user_id: "reach-2",
        num_results: 5,
        test_name: "default_recommendation_test",
        item_id: "item_00001",
        context: { device: "mobile" },
        filter: "category",
        filter_values: { CATEGORY: ["books", "home"] },
      },
    ],
    ["num_results at its maximum", { user_id: "reach-3", num_results: 500 }],
    ["a non-ASCII user_id", { user_id: "usuário-ß" }],
  ])("serves %s with a 200 (the random bodies below reach the same handler)", async (_, request) => {
    const answer = await serving.post(request);
    expect(answer.status).toBe(200);
  });

  it("never answers 5xx to 600 seeded random bodies, valid, near-valid or arbitrary JSON", async () => {
    const nearValid = fc.record(
      {
        user_id: mostly(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null)),
        ),
        num_results: mostly(
          fc.integer({ min: 1, max: 40 }),
          fc.oneof(fc.integer({ min: -5, max: 600 }), fc.double(), fc.string()),
        ),
        test_name: mostly(fc.constant("default_recommendation_test"), fc.string({ maxLength: 140 })),
        item_id: mostly(
          fc.string({ minLength: 1, maxLength: 40 }),
          fc.oneof(fc.string({ maxLength: 300 }), fc.integer()),
        ),
        context: mostly(
          fc.dictionary(fc.string({ minLength: 1, maxLength: 20 }), fc.string({ maxLength: 30 }), {
            maxKeys: 5,
          }),
          fc.anything(),
        ),
      },
      { requiredKeys: ["user_id"] },
    );
    await postRandomBodies(serving.post, nearValid, 600);
  });
});
