import {
  frameAcceptedRequests,
  frameBadInputCases,
  invokeRoute,
  mostly,
  nestedArrays,
  postRandomBodies,
} from "@personalize-ab/adapters/testing";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTracking, type Tracking } from "./tracking-fixture";

let tracking: Tracking;

beforeAll(async () => {
  tracking = await startTracking();
});
afterAll(() => tracking.personalize.stop());

const withEvent = (fields: Record<string, unknown>) =>
  JSON.stringify({ user_id: "u", event_type: "view", ...fields });
const VALID = { user_id: "frame-user", event_type: "view" };
const nowSeconds = () => Math.floor(Date.now() / 1000);

describe("bad input to POST /events", () => {
  it.each([
    ["a missing user_id", "user_id", "is required", JSON.stringify({ event_type: "view" })],
    ["a missing event_type", "event_type", "is required", JSON.stringify({ user_id: "u" })],
    ["an empty event_type", "event_type", "must not be empty", withEvent({ event_type: "" })],
    [
      "an event_type over 256 characters",
      "event_type",
      "at most 256",
      withEvent({ event_type: "e".repeat(257) }),
    ],
    [
      "the reserved exposure event_type",
      "event_type",
      "reserved",
      withEvent({ event_type: "recommendation_served" }),
    ],
    ["a numeric item_id", "item_id", "must be a string", withEvent({ item_id: 5 })],
    [
      "a session_id over 256 characters",
      "session_id",
      "at most 256",
      withEvent({ session_id: "s".repeat(257) }),
    ],
    [
      "a recommendation_id over 40 characters",
      "recommendation_id",
      "at most 40",
      withEvent({ recommendation_id: "r".repeat(41) }),
    ],
    ["a string event_value", "event_value", "must be a number", withEvent({ event_value: "3" })],
    [
      "an event_value beyond 2^53",
      "event_value",
      "must be at most 9007199254740991",
      withEvent({ event_value: 1e20 }),
    ],
    ["an event_value below 1e-130", "event_value", "at least 1e-130", withEvent({ event_value: 5e-324 })],
    ["properties that are an array", "properties", "must be an object", withEvent({ properties: [1] })],
    [
      "properties over 1024 characters of JSON",
      "properties",
      "1024",
      withEvent({ properties: { a: "x".repeat(1030) } }),
    ],
    ["an event_id with a space", "event_id", "letters, digits", withEvent({ event_id: "a b" })],
    [
      "an event_id with '#'",
      "event_id",
      "letters, digits",
      withEvent({ event_id: "recommendation_served#x" }),
    ],
    [
      "a timestamp in milliseconds",
      "timestamp",
      "not milliseconds",
      withEvent({ timestamp: 1_764_072_000_000 }),
    ],
    ["a negative timestamp", "timestamp", "positive", withEvent({ timestamp: -1 })],
    ["a timestamp of 1970", "timestamp", "no earlier than 2000-01-01", withEvent({ timestamp: 86_400 })],
    ["a timestamp of the year 5138", "timestamp", "24 hours", withEvent({ timestamp: 99_999_999_999 })],
    ["a timestamp two days ahead", "timestamp", "24 hours", withEvent({ timestamp: nowSeconds() + 172_800 })],
    [
      "the reserved type in another case",
      "event_type",
      "reserved",
      withEvent({ event_type: "Recommendation_Served" }),
    ],
    [
      "the reserved type with a leading space",
      "event_type",
      "reserved",
      withEvent({ event_type: " recommendation_served" }),
    ],
    [
      "properties nested 5,000 deep",
      "properties",
      "at most 16 levels",
      `{"user_id":"u","event_type":"view","properties":{"a":${nestedArrays(5000)}}}`,
    ],
    [
      "properties nested 9 deep",
      "properties",
      "at most 8 levels",
      withEvent({ properties: { a: [[[[[[[[1]]]]]]]] } }),
    ],
    ["a NUL in item_id", "item_id", "control characters", withEvent({ item_id: "i\u0000" })],
    ["a newline in session_id", "session_id", "control characters", withEvent({ session_id: "s\n" })],
    ["a string timestamp", "timestamp", "epoch seconds", withEvent({ timestamp: "2025-01-01" })],
    ["a body that is not JSON", "body", "valid JSON", "{user_id"],
    ["a body that is an array", "body", "JSON object", "[]"],
    ["no body", "body", "is required", undefined],
  ])("rejects %s with a 400 naming %s", async (_, field, problem, body) => {
    const answer = await tracking.post(body);
    expect(answer.status).toBe(400);
    expect(answer.body.error?.details).toEqual(
      expect.arrayContaining([expect.objectContaining({ field, problem: expect.stringContaining(problem) })]),
    );
    expect(answer.body.error?.message).toContain(field);
  });

  it.each(frameBadInputCases(VALID, "user_id"))(
    "refuses %s whatever the contract, naming the field",
    async (_, request, status, field, problem) => {
      const answer = await invokeRoute(tracking.handler, "eventTracker", request.body, request.headers);
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
    const answer = await invokeRoute(tracking.handler, "eventTracker", request.body, request.headers);
    expect(answer.status).toBe(202);
  });

  it("stores nothing for a rejected event", async () => {
    await tracking.post(JSON.stringify({ user_id: "rejected", event_type: "view", timestamp: "soon" }));
    expect(await tracking.eventsOf("rejected")).toEqual([]);
  });

  it.each([
    ["the smallest event", { user_id: "reach-1", event_type: "view" }],
    [
      "every field",
      {
        user_id: "reach-2",
        event_type: "purchase",
        item_id: "item_00001",
        session_id: "s-1",
        recommendation_id: "RID-1",
        event_value: 3.5,
        properties: { discount: "yes" },
        event_id: "reach-evt-2",
        timestamp: 1_764_072_000,
      },
    ],
    [
      "an event_id at the pattern's edges",
      { user_id: "reach-3", event_type: "click", event_id: "A.b_c:d-9" },
    ],
    ["non-ASCII ids", { user_id: "usuário-ß", event_type: "view", item_id: "品目" }],
  ])("accepts %s with a 202 (the random bodies below reach the same handler)", async (_, event) => {
    const answer = await tracking.post(event);
    expect(answer.status).toBe(202);
  });

  it("never answers 5xx to 600 seeded random bodies, valid, near-valid or arbitrary JSON", async () => {
    const text = fc.string({ minLength: 1, maxLength: 40 });
    const nearValid = fc.record(
      {
        user_id: mostly(text, fc.oneof(fc.string({ maxLength: 300 }), fc.integer(), fc.constant(null))),
        event_type: mostly(fc.constantFrom("view", "click", "purchase"), fc.oneof(fc.string(), fc.integer())),
        item_id: mostly(text, fc.anything()),
        session_id: mostly(text, fc.anything()),
        recommendation_id: mostly(fc.string({ minLength: 1, maxLength: 40 }), fc.string({ maxLength: 60 })),
        event_value: mostly(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.anything()),
        properties: mostly(fc.dictionary(text, fc.jsonValue(), { maxKeys: 4 }), fc.anything()),
        event_id: mostly(fc.stringMatching(/^[A-Za-z0-9_.:-]{1,20}$/), fc.string({ maxLength: 140 })),
        timestamp: mostly(fc.integer({ min: 1, max: 2_000_000_000 }), fc.oneof(fc.double(), fc.string())),
      },
      { requiredKeys: ["user_id", "event_type"] },
    );
    await postRandomBodies(tracking.post, nearValid, 600);
  });
});
