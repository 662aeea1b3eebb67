import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runInProcess } from "./in-process";
import { stubResultsApi } from "./stub-results-api";

const results = {
  test_name: "a_test",
  status: "active",
  computed_at: "2026-12-01T21:00:00.000Z",
  control: "control",
  alpha: 0.05,
  users: { control: 10, treatment: 12 },
  srm: { p_value: null, mismatch: false, checked: false, expected: {}, observed: {} },
  metrics: [],
  decision: { verdict: "keep_running", variant: null, reasons: ["not enough users yet"] },
  timeline: [],
};

const api = stubResultsApi(results);
const folder = mkdtempSync(join(tmpdir(), "experiment-report-"));

describe("experiment report", () => {
  it("writes one HTML file with the results embedded and the console's script inlined", async () => {
    const out = join(folder, "a_test.html");
    const run = await runInProcess(["report", "a_test", "--url", api.url, "--out", out]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(new RegExp(`^wrote ${out} \\(\\d+ KB\\): a_test, active$`));
    const html = readFileSync(out, "utf8");
    const embedded = /<script type="application\/json" id="report-data">(.*?)<\/script>/s.exec(html);
    expect(JSON.parse(embedded![1]!)).toEqual({ results, source: api.url });
    expect(html).toMatch(/<script type="module">.{10000,}<\/script>/s);
  });

  it("exits 1 with the API's error and writes nothing for a test the API does not know", async () => {
    const out = join(folder, "other.html");
    const run = await runInProcess(["report", "other", "--url", api.url, "--out", out]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("404: unknown_test: test_name: no experiment named other");
    expect(existsSync(out)).toBe(false);
  });

  it("exits 2 naming --out when it is missing", async () => {
    const run = await runInProcess(["report", "a_test", "--url", api.url]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe("experiment report: --out: the HTML file to write is required");
  });
});
