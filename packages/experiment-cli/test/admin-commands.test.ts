import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { signedRequest } from "../src/signed-get";
import { runInProcess } from "./in-process";

const record = {
  name: "homepage",
  status: "active",
  version: 3,
  variants: [
    { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "Popular" },
    { id: "treatment", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
  ],
  allocation: { type: "fixed" },
  periods: [
    { index: 0, started_at: 1_764_633_600_000, weights: { control: 0.5, treatment: 0.5 }, source: "created" },
  ],
  active_spans: [{ started_at: 1_764_633_600_000 }],
};

interface Seen {
  readonly method: string;
  readonly url: string;
  readonly body: unknown;
  readonly headers: IncomingHttpHeaders;
}

// A stand-in for the admin API: it records each request and answers as the real one does.
let seen: Seen[] = [];
const server = createServer((request, response) => {
  let text = "";
  request.on("data", (chunk) => {
    text += chunk;
  });
  request.on("end", () => {
    const body = text === "" ? undefined : JSON.parse(text);
    seen.push({ method: request.method ?? "", url: request.url ?? "", body, headers: request.headers });
    response.setHeader("content-type", "application/json");
    const route = `${request.method} ${request.url}`;
    if (route === "GET /experiments/homepage") return response.end(JSON.stringify(record));
    if (route === "PUT /experiments/homepage")
      return response.end(JSON.stringify({ ...record, ...body, version: 4 }));
    if (
      route === "POST /experiments/homepage/status" &&
      body.status === "completed" &&
      body.winner === "nobody"
    ) {
      response.statusCode = 400;
      return response.end(
        JSON.stringify({
          error: {
            code: "invalid_request",
            message: "winner: must be one of the variant ids (control, treatment), not nobody",
            details: [
              { field: "winner", problem: "must be one of the variant ids (control, treatment), not nobody" },
            ],
            request_id: "r-1",
          },
        }),
      );
    }
    if (route === "POST /experiments/homepage/status")
      return response.end(JSON.stringify({ ...record, ...body }));
    if (route === "POST /experiments") {
      response.statusCode = 201;
      return response.end(JSON.stringify({ ...record, ...body, status: "draft", version: 1 }));
    }
    if (route === "GET /experiments") return response.end(JSON.stringify({ experiments: [record] }));
    if (route === "GET /experiments/homepage/history") {
      return response.end(
        JSON.stringify({
          test_name: "homepage",
          entries: [
            {
              test_name: "homepage",
              version: 1,
              at: 1_764_633_600_000,
              caller: "arn:aws:iam::1:user/ana",
              action: "create",
              changes: { status: { to: "draft" } },
            },
          ],
        }),
      );
    }
    response.statusCode = 404;
    response.end(JSON.stringify({ error: { code: "not_found", message: "no route", details: [] } }));
  });
});
let url: string;
beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
beforeEach(() => {
  seen = [];
});

describe("experiment admin commands", () => {
  it("create posts the file's record and prints what the API stored", async () => {
    const dir = mkdtempSync(join(tmpdir(), "experiment-cli-"));
    const file = join(dir, "homepage.json");
    writeFileSync(file, JSON.stringify({ name: "homepage", variants: record.variants }));
    const run = await runInProcess(["create", "--file", file, "--url", url]);
    expect(run.code, run.stderr).toBe(0);
    expect(seen.map((request) => [request.method, request.url, request.body])).toEqual([
      ["POST", "/experiments", { name: "homepage", variants: record.variants }],
    ]);
    expect(run.stdout).toContain("homepage (draft, version 1)");
    expect(run.stdout).toContain("  control           50.0 %  aws-popularity-count  (control)");
  });

  it("update --weights puts the record read, with its version, and only the weights changed", async () => {
    const run = await runInProcess([
      "update",
      "homepage",
      "--weights",
      "control=0.2,treatment=0.8",
      "--url",
      url,
    ]);
    expect(run.code, run.stderr).toBe(0);
    expect(seen.map((request) => `${request.method} ${request.url}`)).toEqual([
      "GET /experiments/homepage",
      "PUT /experiments/homepage",
    ]);
    expect(seen[1]!.body).toEqual({
      ...record,
      variants: [
        { ...record.variants[0], weight: 0.2 },
        { ...record.variants[1], weight: 0.8 },
      ],
    });
  });

  it("refuses weights for a variant the experiment does not have, before writing anything", async () => {
    const run = await runInProcess([
      "update",
      "homepage",
      "--weights",
      "control=0.5,other=0.5",
      "--url",
      url,
    ]);
    expect([run.code, run.stderr]).toEqual([
      2,
      "experiment update: --weights: other not a variant of homepage",
    ]);
    expect(seen.map((request) => request.method)).toEqual(["GET"]);
    const bad = await runInProcess(["update", "homepage", "--weights", "control=half", "--url", url]);
    expect(bad.stderr).toContain('--weights: "control=half" is not id=weight');
  });

  it("pause, resume and complete post the status; complete needs a winner, the API's refusal is printed", async () => {
    for (const [command, status] of [
      ["pause", "paused"],
      ["resume", "active"],
      ["start", "active"],
    ] as const) {
      expect((await runInProcess([command, "homepage", "--url", url])).code).toBe(0);
      expect(seen.at(-1)?.body).toEqual({ status });
    }
    const noWinner = await runInProcess(["complete", "homepage", "--url", url]);
    expect(noWinner.code).toBe(2);
    expect(noWinner.stderr).toContain("--winner: required to complete an experiment");
    const unknown = await runInProcess(["complete", "homepage", "--winner", "nobody", "--url", url]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("answered 400: invalid_request: winner: must be one of the variant ids");
    const done = await runInProcess([
      "complete",
      "homepage",
      "--winner",
      "treatment",
      "--url",
      url,
      "--json",
    ]);
    expect(JSON.parse(done.stdout)).toMatchObject({ status: "completed", winner: "treatment" });
  });

  it("list, show and history print one line per experiment, the record, and one line per write", async () => {
    expect((await runInProcess(["list", "--url", url])).stdout).toMatch(
      /^homepage\s+active\s+v3 {2}control 50\.0 %, treatment 50\.0 %$/,
    );
    expect((await runInProcess(["show", "homepage", "--url", url])).stdout).toContain(
      "p0 from 2025-12-02T00:00:00Z (created): control 50.0 %, treatment 50.0 %",
    );
    expect((await runInProcess(["history", "homepage", "--url", url])).stdout).toBe(
      "v1  2025-12-02T00:00:00Z  create (- -> draft)  by arn:aws:iam::1:user/ana  changed: status",
    );
  });

  it("signs a write's body into its SigV4 signature for a deployed API", async () => {
    const body = JSON.stringify({ status: "paused" });
    const credentials = async () => ({ accessKeyId: "AKIDEXAMPLE", secretAccessKey: "secret" });
    await signedRequest(
      `${url}/experiments/homepage/status`,
      { method: "POST", body },
      { region: "eu-west-1", credentials },
    );
    const request = seen.at(-1)!;
    expect([request.method, request.body]).toEqual(["POST", { status: "paused" }]);
    expect(request.headers["x-amz-content-sha256"]).toBe(createHash("sha256").update(body).digest("hex"));
    expect(request.headers.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE\/\d{8}\/eu-west-1\/execute-api\/aws4_request, SignedHeaders=accept;content-type;host;x-amz-content-sha256;x-amz-date, Signature=[0-9a-f]{64}$/,
    );
  });
});
