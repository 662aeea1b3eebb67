import { assignmentRequestSchema } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { ClientError } from "../src/http/errors";
import { MAX_BODY_BYTES, parseJsonBody } from "../src/http/parse-body";

describe("parseJsonBody", () => {
  it("decodes a base64 body as API Gateway sends binary-flagged payloads", () => {
    const body = Buffer.from(JSON.stringify({ user_id: "ü" })).toString("base64");
    expect(parseJsonBody({ body, isBase64Encoded: true }, assignmentRequestSchema)).toEqual({ user_id: "ü" });
  });

  it("ignores fields the contract does not name, as the recipe's handlers did", () => {
    const body = JSON.stringify({ user_id: "u", model_config: { recipe: "x" } });
    expect(parseJsonBody({ body, isBase64Encoded: false }, assignmentRequestSchema)).toEqual({
      user_id: "u",
    });
  });

  it("names every bad field at once", () => {
    const body = JSON.stringify({ user_id: 1, test_name: "" });
    try {
      parseJsonBody({ body, isBase64Encoded: false }, assignmentRequestSchema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).details.map((d) => d.field)).toEqual(["user_id", "test_name"]);
    }
  });

  it("measures the size limit in bytes, not characters", () => {
    const body = JSON.stringify({ user_id: "é".repeat(MAX_BODY_BYTES / 2) });
    expect(() => parseJsonBody({ body, isBase64Encoded: false }, assignmentRequestSchema)).toThrow(
      /at most 65536 bytes/,
    );
  });
});
