import { mkdir } from "node:fs/promises";
import { join } from "node:path";
import { DEFAULT_TEST_NAME } from "@personalize-ab/domain";
import type { ExperimentResults } from "@personalize-ab/experiments/results";
import type { RunningPlatform } from "@personalize-ab/local";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility-check";
import { watchConsoleProblems } from "./support/console-problems";
import { cellText, parseCount, parseInterval, parsePercent } from "./support/displayed-numbers";
import { type HeadlessChromium, launchChromium } from "./support/headless-chromium";
import { fetchResults, simulateTraffic, startConsolePlatform } from "./support/simulated-platform";

const SEED = Number(process.env.CONSOLE_E2E_SEED ?? 21);
const SCREENSHOTS = join(import.meta.dirname, "../screenshots");
/** Half the last displayed digit of a percentage with one decimal. */
const PERCENT_TOLERANCE = 0.0005 + 1e-9;

let platform: RunningPlatform;
let chromium: HeadlessChromium;
let page: Page;
let problems: string[];
let results: ExperimentResults;

const resultsUrl = () => `${platform.url}/#/experiments/${DEFAULT_TEST_NAME}`;

beforeAll(async () => {
  [platform, chromium] = await Promise.all([startConsolePlatform(), launchChromium()]);
  await simulateTraffic(platform, SEED);
  results = await fetchResults(platform, DEFAULT_TEST_NAME);
  page = await chromium.context.newPage();
  problems = watchConsoleProblems(page);
  await page.goto(resultsUrl());
  await page.getByTestId("verdict").waitFor();
  await mkdir(SCREENSHOTS, { recursive: true });
});

afterAll(async () => {
  await chromium?.close();
  await platform?.stop();
});

describe("the results page after simulated traffic", () => {
  it("shows each variant's users as the results API counts them", async () => {
    const table = page.getByTestId("users-table");
    for (const [variant, users] of Object.entries(results.users)) {
      expect(users).toBeGreaterThan(0);
      expect(parseCount(await cellText(table, variant, "users"))).toBe(users);
    }
    expect((await page.getByTestId("srm").textContent()) ?? "").toMatch(
      results.srm.mismatch ? /mismatch/ : /healthy/,
    );
  });

  it("shows every metric's lift and interval per variant as the results API gives them", async () => {
    expect(results.metrics.length).toBeGreaterThan(1);
    for (const metric of results.metrics) {
      const table = page.getByTestId(`metric-table-${metric.name}`);
      for (const variant of metric.variants) {
        expect(parseCount(await cellText(table, variant.id, "users"))).toBe(variant.users);
      }
      for (const comparison of metric.comparisons) {
        const lift = parsePercent(await cellText(table, comparison.variant, "lift"));
        if (comparison.relative_lift === null) expect(lift).toBeNull();
        else expect(Math.abs(lift! - comparison.relative_lift)).toBeLessThanOrEqual(PERCENT_TOLERANCE);
        const [low, high] = parseInterval(await cellText(table, comparison.variant, "ci"));
        expect(Math.abs(low - comparison.ci[0])).toBeLessThanOrEqual(PERCENT_TOLERANCE);
        expect(Math.abs(high - comparison.ci[1])).toBeLessThanOrEqual(PERCENT_TOLERANCE);
      }
    }
  });

  it("shows the API's verdict with its reasons", async () => {
    const verdict = page.getByTestId("verdict");
    expect(await verdict.getAttribute("data-verdict")).toBe(results.decision.verdict);
    if (results.decision.variant)
      expect((await verdict.textContent()) ?? "").toContain(results.decision.variant);
    for (const reason of results.decision.reasons) {
      await expect(page.getByText(reason, { exact: true }).count()).resolves.toBe(1);
    }
  });

  it("draws a lift chart per metric and the day-by-day charts", async () => {
    const withLifts = results.metrics.filter((metric) =>
      metric.comparisons.some((comparison) => comparison.relative_lift !== null),
    );
    expect(withLifts.length).toBeGreaterThan(0);
    expect(await page.locator("section.metric svg[aria-label]").count()).toBe(withLifts.length);
    expect(await page.locator('svg[aria-label^="Cumulative"]').count()).toBe(2);
  });

  it("has no serious accessibility violations, at desktop and at phone width", async () => {
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SCREENSHOTS, "results-desktop.png"), fullPage: true });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.reload();
    await page.getByTestId("verdict").waitFor();
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing wider than the phone: the page scrolls down, not sideways.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: join(SCREENSHOTS, "results-phone.png"), fullPage: true });
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it("reported no console error or warning and no uncaught exception", () => {
    expect(problems).toEqual([]);
  });
});

describe("the checks of absence above", () => {
  it("catch a planted console error and a planted accessibility violation", async () => {
    const planted = await chromium.context.newPage();
    const plantedProblems = watchConsoleProblems(planted);
    await planted.goto(resultsUrl());
    await planted.getByTestId("verdict").waitFor();
    await planted.evaluate(() => {
      console.error("planted");
      const input = document.createElement("input");
      input.type = "text";
      document.querySelector("main")!.append(input);
      const text = document.createElement("p");
      text.textContent = "hard to read";
      text.style.color = "#bbb";
      document.querySelector("main")!.append(text);
    });
    expect(plantedProblems).toEqual(["console.error: planted"]);
    expect((await seriousViolations(planted)).map((violation) => violation.id).sort()).toEqual([
      "color-contrast",
      "label",
    ]);
    await planted.close();
  });
});
