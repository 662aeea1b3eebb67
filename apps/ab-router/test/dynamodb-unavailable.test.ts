import { ENV } from "@personalize-ab/domain";
import { freeLoopbackPort } from "@personalize-ab/dynamodb-local";
import { beforeAll, describe, expect, it } from "vitest";
import { postAssignment } from "./invoke";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;

beforeAll(async () => {
  // Nothing listens on this port: every connection is refused, as when DynamoDB Local has died.
  const closedPort = await freeLoopbackPort();
  Object.assign(process.env, {
    [ENV.dynamodbEndpoint]: `http://127.0.0.1:${closedPort}`,
    [ENV.assignmentsTable]: "assignments",
    [ENV.experimentsTable]: "experiments",
  });
  ({ handler } = await import("../src/handler"));
});

describe("DynamoDB unavailable", () => {
  it("is answered 503 service_unavailable with Retry-After, in the documented error shape", async () => {
    const answer = await postAssignment(handler, JSON.stringify({ user_id: "user_00001" }));
    expect(answer.status).toBe(503);
    expect(answer.headers?.["retry-after"]).toBe("2");
    expect(answer.body).toEqual({
      error: {
        code: "service_unavailable",
        message: "The service is briefly unavailable; retry after 2 s.",
        details: [],
        request_id: expect.any(String),
      },
    });
  });
});
