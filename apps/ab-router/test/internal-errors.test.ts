import { ENV } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { postAssignment } from "./invoke";

type Handler = typeof import("../src/handler").handler;
let handler: Handler;

beforeAll(async () => {
  const created = await createTestTables();
  // A table that does not exist: a deployment fault, ours, not the client's.
  Object.assign(process.env, created.env, { [ENV.assignmentsTable]: "missing-assignments-table" });
  ({ handler } = await import("../src/handler"));
});

describe("a failure we cause", () => {
  it("is answered with a stable code and no internal message, and logged with context", async () => {
    // Powertools writes errors to stderr through its own Console, as it does in Lambda.
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation(() => true);
    const answer = await postAssignment(handler, JSON.stringify({ user_id: "user_00001" }));
    const logged = stderr.mock.calls.map(([chunk]) => String(chunk)).join("");
    stderr.mockRestore();

    expect(answer.status).toBe(500);
    expect(answer.body.error).toEqual({
      code: "internal_error",
      message: "The request could not be completed.",
      request_id: expect.any(String),
    });
    expect(JSON.stringify(answer.body)).not.toMatch(
      /missing-assignments-table|ResourceNotFound|non-existent/i,
    );
    const entry = JSON.parse(logged.split("\n").find((line) => line.includes("request failed"))!);
    expect(entry).toMatchObject({
      level: "ERROR",
      message: "request failed",
      function_request_id: expect.any(String),
    });
    expect(JSON.stringify(entry.error)).toMatch(/ResourceNotFound/);
  });
});
