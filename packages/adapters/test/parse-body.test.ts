import { assignmentRequestSchema } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { ClientError } from "../src/http/errors";
import { MAX_BODY_BYTES, parseJsonBody } from "../src/http/parse-body";

const JSON_TYPE = { "content-type": "application/json" };

describe("parseJsonBody", () => {
  it("decodes a base64 body as API Gateway sends binary-flagged payloads", () => {
    const body = Buffer.from(JSON.stringify({ user_id: "ü" })).toString("base64");
    expect(
      parseJsonBody({ body, isBase64Encoded: true, headers: JSON_TYPE }, assignmentRequestSchema),
    ).toEqual({ user_id: "ü" });
  });

  it("ignores fields the contract does not name, as the recipe's handlers did", () => {
    const body = JSON.stringify({ user_id: "u", model_config: { recipe: "x" } });
    expect(
      parseJsonBody({ body, isBase64Encoded: false, headers: JSON_TYPE }, assignmentRequestSchema),
    ).toEqual({
      user_id: "u",
    });
  });

  it("names every bad field at once", () => {
    const body = JSON.stringify({ user_id: 1, test_name: "" });
    try {
      parseJsonBody({ body, isBase64Encoded: false, headers: JSON_TYPE }, assignmentRequestSchema);
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ClientError);
      expect((error as ClientError).details.map((d) => d.field)).toEqual(["user_id", "test_name"]);
    }
  });

  it("measures the size limit in bytes, not characters", () => {
    const body = JSON.stringify({ user_id: "é".repeat(MAX_BODY_BYTES / 2) });
    expect(() =>
      parseJsonBody({ body, isBase64Encoded: false, headers: JSON_TYPE }, assignmentRequestSchema),
    ).toThrow(/at most 65536 bytes/);
  });

  it("refuses a base64 body that is not UTF-8 rather than replacing the bytes", () => {
    const body = Buffer.from([...Buffer.from('{"user_id":"a'), 0xff, ...Buffer.from('"}')]).toString(
      "base64",
    );
    expect(() =>
      parseJsonBody({ body, isBase64Encoded: true, headers: JSON_TYPE }, assignmentRequestSchema),
    ).toThrow(/body: must be valid UTF-8/);
  });

  it("reads the content-type header whatever its case", () => {
    const body = '{"user_id":"u"}';
    const headers = { "Content-Type": "application/json; charset=UTF-8" };
    expect(parseJsonBody({ body, isBase64Encoded: false, headers }, assignmentRequestSchema)).toEqual({
      user_id: "u",
    });
  });

  it("names a field nested past the limit without recursing into it", () => {
    // 20,000 levels in 40 KB: within the size limit, far past any call stack a recursive walk has.
    const body = `{"user_id":"u","extra":${"[".repeat(20_000)}${"]".repeat(20_000)}}`;
    expect(() =>
      parseJsonBody({ body, isBase64Encoded: false, headers: JSON_TYPE }, assignmentRequestSchema),
    ).toThrow(/extra: must nest at most 16 levels/);
  });
});
