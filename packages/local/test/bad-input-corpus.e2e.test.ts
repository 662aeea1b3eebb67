import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlatform, startPlatform } from "../src/platform";
import {
  badInputCorpus,
  CLIENT_PATHS,
  type CorpusCase,
  httpRequest,
  VALID_BODIES,
} from "./support/bad-input-corpus";
import { type RawAnswer, rawRequest } from "./support/raw-http";

let platform: RunningPlatform;

beforeAll(async () => {
  platform = await startPlatform({ port: 0 });
});

afterAll(async () => {
  await platform?.stop();
});

/** What an error body must never show a client: stack frames, exception names, file paths. */
const INTERNAL_TEXT =
  /\bat [\w.<>]+ \(|\b\w*(Error|Exception)\b|stack|node_modules|\/work\/|\.[cm]?[jt]s:\d+|Unexpected token|JSON\.parse|undefined/;

interface Verdict {
  readonly name: string;
  readonly status: number | "closed";
  readonly problems: readonly string[];
}

function judge(testCase: CorpusCase, answer: RawAnswer): Verdict {
  const problems: string[] = [];
  if (answer.timedOut) problems.push("no answer and the socket left open");
  if (answer.status === undefined) {
    if (!testCase.raw) problems.push("socket closed without an answer");
    return { name: testCase.name, status: "closed", problems };
  }
  const { status } = answer;
  if (status >= 500) problems.push(`answered ${status}`);
  if (status < 400) problems.push(`accepted with ${status}`);
  if (testCase.status !== undefined && status !== testCase.status)
    problems.push(`answered ${status}, not ${testCase.status}`);
  let body: {
    error?: {
      code?: unknown;
      message?: unknown;
      details?: { field?: unknown; problem?: unknown }[];
      request_id?: unknown;
    };
  };
  try {
    body = JSON.parse(answer.body);
  } catch {
    problems.push(`body is not JSON: ${answer.body.slice(0, 80)}`);
    return { name: testCase.name, status, problems };
  }
  const error = body.error;
  const details = Array.isArray(error?.details) ? error.details : [];
  if (typeof error?.code !== "string" || typeof error.message !== "string" || !("request_id" in error)) {
    problems.push(`not the documented error shape: ${answer.body.slice(0, 120)}`);
  }
  if (
    details.length === 0 ||
    details.some((d) => typeof d.field !== "string" || d.field === "" || typeof d.problem !== "string")
  ) {
    problems.push(`details do not name a field: ${answer.body.slice(0, 120)}`);
  }
  const expected = testCase.field;
  if (expected && !details.some((d) => d.field === expected || String(d.field).startsWith(`${expected}.`))) {
    problems.push(`does not name ${expected}: ${answer.body.slice(0, 160)}`);
  }
  if (INTERNAL_TEXT.test(answer.body)) problems.push(`shows internal text: ${answer.body.slice(0, 160)}`);
  return { name: testCase.name, status, problems };
}

async function runAll(cases: readonly CorpusCase[], concurrency: number): Promise<Verdict[]> {
  const verdicts: Verdict[] = new Array(cases.length);
  let next = 0;
  const worker = async () => {
    while (next < cases.length) {
      const index = next++;
      const testCase = cases[index]!;
      verdicts[index] = judge(
        testCase,
        await rawRequest(Number(new URL(platform.url).port), testCase.bytes, testCase.options),
      );
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return verdicts;
}

describe("the bad-input corpus against the started platform", () => {
  it("answers every case 4xx in the documented shape naming the field (or closes a broken socket), never 5xx", async () => {
    const cases = badInputCorpus();
    expect(cases.length).toBeGreaterThanOrEqual(300);
    const verdicts = await runAll(cases, 8);
    const byStatus = new Map<string, number>();
    for (const verdict of verdicts)
      byStatus.set(String(verdict.status), (byStatus.get(String(verdict.status)) ?? 0) + 1);
    const failed = verdicts.filter((verdict) => verdict.problems.length > 0);
    const fiveHundreds = verdicts.filter(
      (verdict) => typeof verdict.status === "number" && verdict.status >= 500,
    ).length;
    console.log(
      `bad-input corpus: ${cases.length} cases, ${fiveHundreds} answered 5xx, ${failed.length} with problems; by status: ${[
        ...byStatus,
      ]
        .sort()
        .map(([status, count]) => `${status}×${count}`)
        .join(", ")}`,
    );
    expect(failed.map((verdict) => `${verdict.name}: ${verdict.problems.join("; ")}`)).toEqual([]);
  }, 240_000);

  it("still answers afterwards: the gateway, every handler, and DynamoDB Local behind them", async () => {
    const health = await fetch(`${platform.url}/health`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({
      checks: { dynamodb: { status: "ok" }, recommender: { status: "ok" } },
    });
    for (const path of CLIENT_PATHS) {
      const answer = await rawRequest(
        Number(new URL(platform.url).port),
        httpRequest("POST", path, JSON.stringify(VALID_BODIES[path])),
      );
      expect([200, 202], `${path}: ${answer.body}`).toContain(answer.status);
    }
  });
});
