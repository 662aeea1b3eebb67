import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CliError } from "../src/cli-error";
import { signedGet } from "../src/signed-get";

let seen: { url: string; headers: IncomingHttpHeaders } | undefined;
const server = createServer((request, response) => {
  seen = { url: request.url ?? "", headers: request.headers };
  response.end("{}");
});
let base: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("SigV4-signed GET for the IAM-authorized results route", () => {
  it("signs for execute-api in the region with the caller's credentials and session token", async () => {
    const credentials = async () => ({
      accessKeyId: "AKIDEXAMPLE",
      secretAccessKey: "secret",
      sessionToken: "token-1",
    });
    await signedGet(`${base}/experiments/a_test/results`, { region: "eu-west-1", credentials });
    expect(seen!.url).toBe("/experiments/a_test/results");
    expect(seen!.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=accept;host;x-amz-content-sha256;x-amz-date;x-amz-security-token, Signature=[0-9a-f]{64}$/,
    );
    expect(seen!.headers["x-amz-date"]).toMatch(/^\d{8}T\d{6}Z$/);
    expect(seen!.headers["x-amz-security-token"]).toBe("token-1");
  });

  it("says what is missing when there are no credentials, instead of sending an unsigned request", async () => {
    seen = undefined;
    const none = async () => {
      throw new Error("Could not load credentials from any providers");
    };
    const error = await signedGet(`${base}/experiments/a_test/results`, {
      region: "us-east-1",
      credentials: none,
    }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).message).toMatch(
      /^no AWS credentials to sign the request with \(the experiment routes are IAM-authorized\): Could not load credentials from any providers\. Set AWS_PROFILE/,
    );
    expect(seen).toBeUndefined();
  });
});
