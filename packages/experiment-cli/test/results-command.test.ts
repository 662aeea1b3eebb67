import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process";
import { stubResultsApi } from "./stub-results-api";

const results = {
  test_name: "a_test",
  status: "active",
  computed_at: "2026-12-01T21:00:00.000Z",
  control: "control",
  users: { control: 10, treatment: 12 },
  srm: { p_value: null, mismatch: false, checked: false, expected: {}, observed: {} },
  metrics: [],
  decision: { verdict: "keep_running", variant: null, reasons: ["not enough users yet"] },
};

const api = stubResultsApi(results);

describe("experiment results", () => {
  it("prints the API's JSON as it came with --json", async () => {
    const run = await runInProcess(["results", "a_test", "--url", api.url, "--json"]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(results);
    expect(api.requested.at(-1)).toBe("/experiments/a_test/results");
  });

  it("prints a table by default", async () => {
    const run = await runInProcess(["results", "a_test", "--url", api.url]);
    expect(run.stdout).toContain("a_test (active)");
    expect(run.stdout).toContain("sample ratio: not checked yet");
    expect(run.stdout).toContain("verdict: keep_running\n  - not enough users yet");
  });

  it("exits 1 with the API's error code and message for an unknown test", async () => {
    const run = await runInProcess(["results", "other", "--url", api.url]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `experiment results: GET ${api.url}/experiments/other/results answered 404: unknown_test: test_name: no experiment named other`,
    );
  });

  it("refuses bad arguments before any request", async () => {
    const before = api.requested.length;
    expect((await runInProcess(["results"])).stderr).toContain("usage: experiment results <test>");
    expect((await runInProcess(["results", "a b"])).stderr).toContain("test: must be 1-128 letters");
    expect((await runInProcess(["results", "a_test", "--env", "staging"])).stderr).toContain(
      "--env: must be one of dev, prod",
    );
    expect((await runInProcess(["results", "a_test", "--env", "dev", "--url", api.url])).code).toBe(2);
    expect(api.requested.length).toBe(before);
  });

  it("says what is missing for a deployed environment with no URL", async () => {
    const run = await runInProcess(["results", "a_test", "--env", "dev"], { repositoryRoot: "/nonexistent" });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("no API URL for dev: set PERSONALIZE_AB_DEV_API_URL");
  });
});
