import { describe, expect, it } from "vitest";
import { missingAwsSettings } from "../src/missing-aws-settings";

const found =
  <T>(value: T) =>
  () =>
    Promise.resolve(value);
const refused = (message: string) => () => Promise.reject(new Error(message));

describe("missingAwsSettings", () => {
  it("is undefined when the client has a region and credentials", async () => {
    expect(
      await missingAwsSettings({ region: found("eu-west-1"), credentials: found({ accessKeyId: "a" }) }),
    ).toBeUndefined();
  });

  it("names the region and the credentials in one line when both are missing", async () => {
    const line = await missingAwsSettings({
      region: refused("Region is missing"),
      credentials: refused("Could not load credentials from any providers"),
    });
    expect(line).toBe(
      "no AWS region (set AWS_REGION) and no AWS credentials (set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or AWS_PROFILE) found",
    );
  });

  it("names only what is missing", async () => {
    const line = await missingAwsSettings({ region: found("eu-west-1"), credentials: refused("none") });
    expect(line).toMatch(/^no AWS credentials \(set AWS_ACCESS_KEY_ID/);
    expect(line).not.toMatch(/region/);
  });
});
