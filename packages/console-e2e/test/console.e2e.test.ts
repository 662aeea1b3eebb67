import { mkdir, mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  DEFAULT_TEST_NAME,
  type ExperimentPreviewResponse,
  experimentPreviewResponseSchema,
} from "@personalize-ab/domain";
import { runCli } from "@personalize-ab/experiment-cli";
import type { ExperimentResults } from "@personalize-ab/experiments/results";
import type { RunningPlatform } from "@personalize-ab/local";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seriousViolations } from "./support/accessibility-check";
import { watchConsoleProblems, watchRequests } from "./support/console-problems";
import {
  cellText,
  parseCount,
  parseDifference,
  parseInterval,
  parsePercent,
} from "./support/displayed-numbers";
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

/** The notes under a metric's table about one variant, as one text. */
async function notesOf(metric: string, variant: string): Promise<string> {
  const notes = page.getByTestId(`metric-notes-${metric}`).locator(`li[data-variant="${variant}"]`);
  return (await notes.allTextContents()).join(" | ");
}

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
    let withRelativeInterval = 0;
    let withoutRelativeInterval = 0;
    for (const metric of results.metrics) {
      const table = page.getByTestId(`metric-table-${metric.name}`);
      for (const variant of metric.variants) {
        expect(parseCount(await cellText(table, variant.id, "users"))).toBe(variant.users);
      }
      for (const comparison of metric.comparisons) {
        const lift = parsePercent(await cellText(table, comparison.variant, "lift"));
        if (comparison.relative_lift === null) expect(lift).toBeNull();
        else expect(Math.abs(lift! - comparison.relative_lift)).toBeLessThanOrEqual(PERCENT_TOLERANCE);
        const shown = parseInterval(await cellText(table, comparison.variant, "ci"));
        if (comparison.ci === null) {
          // No relative interval: the cell is the dash, and the note gives the absolute one.
          withoutRelativeInterval++;
          expect(shown).toEqual([null, null]);
          const note = await notesOf(metric.name, comparison.variant);
          const [, low, high] = /interval \[([^,\]]+), ([^\]]+)\]/.exec(note) ?? [];
          expect(low, note).toBeDefined();
          for (const [text, end] of [
            [low!, comparison.absolute_ci[0]],
            [high!, comparison.absolute_ci[1]],
          ] as const) {
            const { value, tolerance } = parseDifference(text);
            expect(Math.abs(value - end), `${text} vs ${end}`).toBeLessThanOrEqual(tolerance);
          }
        } else {
          withRelativeInterval++;
          expect(shown[0]).not.toBeNull();
          expect(shown[1]).not.toBeNull();
          expect(Math.abs(shown[0]! - comparison.ci[0])).toBeLessThanOrEqual(PERCENT_TOLERANCE);
          expect(Math.abs(shown[1]! - comparison.ci[1])).toBeLessThanOrEqual(PERCENT_TOLERANCE);
        }
      }
    }
    console.log(
      `metric tables: ${withRelativeInterval} relative intervals, ${withoutRelativeInterval} without (dash, absolute interval in the note)`,
    );
    expect(withRelativeInterval).toBeGreaterThan(0);
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
    await page
      .locator("section.metric svg[aria-label]")
      .nth(withLifts.length - 1)
      .waitFor();
    expect(await page.locator("section.metric svg[aria-label]").count()).toBe(withLifts.length);
    await page.locator('svg[aria-label^="Cumulative"]').nth(1).waitFor();
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

describe("the shared report", () => {
  it("opens from disk with no network request and shows the results API's numbers", async () => {
    const out = join(await mkdtemp(join(tmpdir(), "console-report-")), "report.html");
    const printed: string[] = [];
    const code = await runCli(["report", DEFAULT_TEST_NAME, "--url", platform.url, "--out", out], {
      out: (text) => printed.push(text),
      err: (text) => printed.push(text),
      cwd: process.cwd(),
      env: {},
      repositoryRoot: process.cwd(),
    });
    expect(code, printed.join("\n")).toBe(0);
    const current = await fetchResults(platform, DEFAULT_TEST_NAME);
    const report = await chromium.context.newPage();
    const reportProblems = watchConsoleProblems(report);
    const requested = watchRequests(report);
    await report.goto(pathToFileURL(out).href);
    await report.getByTestId("verdict").waitFor();
    expect(requested).toEqual([pathToFileURL(out).href]);
    expect(await report.getByTestId("verdict").getAttribute("data-verdict")).toBe(current.decision.verdict);
    const users = report.getByTestId("users-table");
    for (const [variant, n] of Object.entries(current.users)) {
      expect(parseCount(await cellText(users, variant, "users"))).toBe(n);
    }
    for (const metric of current.metrics) {
      const table = report.getByTestId(`metric-table-${metric.name}`);
      for (const comparison of metric.comparisons) {
        const lift = parsePercent(await cellText(table, comparison.variant, "lift"));
        if (comparison.relative_lift === null) expect(lift).toBeNull();
        else expect(Math.abs(lift! - comparison.relative_lift)).toBeLessThanOrEqual(PERCENT_TOLERANCE);
      }
    }
    expect(reportProblems).toEqual([]);
    await report.close();
  });

  it("would have caught a request: the watch sees a page's one image from the network", async () => {
    const planted = await chromium.context.newPage();
    const requested = watchRequests(planted);
    await planted.setContent(`<img alt="" src="${platform.url}/health">`);
    await planted.waitForLoadState("networkidle");
    expect(requested).toEqual([`${platform.url}/health`]);
    await planted.close();
  });
});

describe("the experiments list", () => {
  it("shows every experiment with its status, users and verdict as the API gives them", async () => {
    const listPage = await chromium.context.newPage();
    const listProblems = watchConsoleProblems(listPage);
    await listPage.goto(`${platform.url}/`);
    const table = listPage.getByTestId("experiments-table");
    await table.waitFor();
    const { experiments } = (await (await fetch(`${platform.url}/experiments`)).json()) as {
      experiments: { name: string; status: string }[];
    };
    expect(experiments.map((experiment) => experiment.name)).toContain(DEFAULT_TEST_NAME);
    for (const experiment of experiments) {
      const row = table.locator(`tr[data-experiment="${experiment.name}"]`);
      expect(await row.locator(".status").textContent()).toBe(experiment.status);
    }
    const row = table.locator(`tr[data-experiment="${DEFAULT_TEST_NAME}"]`);
    const total = Object.values(results.users).reduce((sum, n) => sum + n, 0);
    expect(parseCount((await row.locator('[data-field="users"]').textContent()) ?? "")).toBe(total);
    expect(await row.locator('[data-field="verdict"]').textContent()).toMatch(
      results.decision.verdict === "keep_running"
        ? /^Keep running/
        : new RegExp(results.decision.verdict, "i"),
    );
    expect(await seriousViolations(listPage)).toEqual([]);
    await listPage.screenshot({ path: join(SCREENSHOTS, "list-desktop.png"), fullPage: true });
    await listPage.setViewportSize({ width: 390, height: 844 });
    expect(await seriousViolations(listPage)).toEqual([]);
    await listPage.screenshot({ path: join(SCREENSHOTS, "list-phone.png"), fullPage: true });
    // The link opens the experiment's page by keyboard.
    await listPage.getByRole("link", { name: DEFAULT_TEST_NAME }).focus();
    await listPage.keyboard.press("Enter");
    await listPage.getByTestId("verdict").waitFor();
    expect(listProblems).toEqual([]);
    await listPage.close();
  });
});

describe("the try-it panel", () => {
  type Preview = ExperimentPreviewResponse;

  /** Previews a user from the panel by keyboard; the answer the page itself received. */
  async function previewFromPanel(userId: string): Promise<Preview> {
    const field = page.getByLabel("User id");
    await field.fill(userId);
    const answered = page.waitForResponse(
      (response) => response.request().method() === "POST" && response.url().endsWith("/preview"),
    );
    await field.press("Enter");
    const response = await answered;
    expect(response.status()).toBe(200);
    const preview = experimentPreviewResponseSchema.parse(await response.json());
    await page.getByTestId("try-it-answer").locator(`text=${userId}`).first().waitFor();
    return preview;
  }

  /** What the panel shows of each variant, read from the page. */
  const shownVariants = () =>
    page.getByTestId("preview-variant").evaluateAll((sections) =>
      sections.map((section) => ({
        variant: section.getAttribute("data-variant"),
        assigned: section.getAttribute("data-assigned") === "true",
        source: section.getAttribute("data-source"),
        items: [...section.querySelectorAll("li[data-item]")].map((item) => ({
          item_id: item.querySelector('[data-field="item_id"]')?.textContent,
          metadata: item.querySelector('[data-field="metadata"]')?.textContent,
          reason: item.querySelector('[data-field="reason"]')?.textContent,
        })),
      })),
    );

  const expectedVariants = (preview: Preview) =>
    preview.variants.map((variant) => ({
      variant: variant.variant,
      assigned: variant.variant === preview.assigned_variant,
      source: variant.source,
      items: variant.recommendations.map((item) => ({
        item_id: item.item_id,
        metadata: [
          item.category ?? "no category",
          item.brand ?? "no brand",
          item.price === null ? "no price" : item.price.toFixed(2),
        ].join(" · "),
        reason: item.reason.text,
      })),
    }));

  it("shows each variant's items as the preview API answers, and marks the user's variant", async () => {
    // A simulated user is enrolled (a stored assignment); a sample user is not.
    const cases = [
      [`sim_${SEED}_00001`, "stored"],
      ["user_00001", "would_assign"],
    ] as const;
    for (const [userId, assignment] of cases) {
      const preview = await previewFromPanel(userId);
      expect(preview).toMatchObject({ user_id: userId, status: "active", assignment });
      expect(preview.variants.map((variant) => variant.variant)).toEqual([
        "variant_a",
        "variant_b",
        "variant_c",
      ]);
      expect(preview.variants.some((variant) => variant.recommendations.length > 0)).toBe(true);
      expect(await shownVariants()).toEqual(expectedVariants(preview));
      expect(await page.getByTestId("assigned-badge").count()).toBe(1);
      expect(await page.getByTestId("try-variant").textContent()).toBe(preview.assigned_variant);
      expect(await page.getByTestId("try-placement").getAttribute("data-assignment")).toBe(assignment);
    }
    // The preview enrolled nobody: the sample user is still only a would-be member.
    const again = await fetch(`${platform.url}/experiments/${DEFAULT_TEST_NAME}/preview`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ user_id: "user_00001" }),
    });
    expect(((await again.json()) as Preview).assignment).toBe("would_assign");
  });

  it("lays the variants side by side on a desktop and stacked on a phone, with no serious accessibility violations", async () => {
    const lefts = async () =>
      page
        .getByTestId("preview-variant")
        .evaluateAll((sections) =>
          sections.map((section) => Math.round(section.getBoundingClientRect().left)),
        );
    expect(new Set(await lefts()).size).toBe(3);
    expect(await seriousViolations(page)).toEqual([]);
    await page.getByTestId("try-it-answer").screenshot({ path: join(SCREENSHOTS, "try-it-desktop.png") });
    await page.setViewportSize({ width: 390, height: 844 });
    try {
      await page.waitForFunction(() => {
        const sections = [...document.querySelectorAll('[data-testid="preview-variant"]')];
        return (
          new Set(sections.map((section) => Math.round(section.getBoundingClientRect().left))).size === 1
        );
      });
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      expect(await seriousViolations(page)).toEqual([]);
      await page.getByTestId("try-it-answer").screenshot({ path: join(SCREENSHOTS, "try-it-phone.png") });
    } finally {
      await page.setViewportSize({ width: 1280, height: 900 });
    }
    expect(problems).toEqual([]);
  });
});

describe("admin actions from the page", () => {
  const record = async () =>
    (await (await fetch(`${platform.url}/experiments/${DEFAULT_TEST_NAME}`)).json()) as {
      status: string;
      version: number;
      variants: { id: string; weight: number }[];
      periods: { source: string; weights: Record<string, number> }[];
    };

  it("pause and resume the experiment, each recorded in its change history", async () => {
    const before = await record();
    await page.getByRole("button", { name: "Pause" }).click();
    await page.getByTestId("status").filter({ hasText: "paused" }).waitFor();
    const paused = await record();
    expect(paused).toMatchObject({ status: "paused", version: before.version + 1 });
    const newest = page.getByTestId("history-table").locator(`tr[data-version="${paused.version}"]`);
    expect(await newest.locator('[data-field="action"]').textContent()).toBe("status");

    await page.getByRole("button", { name: "Resume" }).click();
    await page.getByTestId("status").filter({ hasText: "active" }).waitFor();
    expect(await record()).toMatchObject({ status: "active", version: before.version + 2 });
  });

  it("show the API's own error beside a weight it refuses, and change nothing", async () => {
    const before = await record();
    const input = page.getByLabel("variant_a weight");
    await input.fill("1.5");
    await page.getByRole("button", { name: "Save weights" }).click();
    // The same change sent to the API directly: the page shows what the API says, where it says it.
    const direct = await fetch(`${platform.url}/experiments/${DEFAULT_TEST_NAME}`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        ...before,
        variants: before.variants.map((variant, index) =>
          index === 0 ? { ...variant, weight: 1.5 } : variant,
        ),
      }),
    });
    expect(direct.status).toBe(400);
    const { error } = (await direct.json()) as { error: { details: { field: string; problem: string }[] } };
    const problem = error.details.find((detail) => detail.field === "variants.0.weight");
    expect(problem).toBeDefined();
    const shown = page.locator(`[id="variants.0.weight-error"]`);
    await shown.waitFor();
    expect(await shown.textContent()).toContain(problem!.problem);
    expect(await input.getAttribute("aria-invalid")).toBe("true");
    expect(await record()).toEqual(before);
    // Chromium logs every 4xx answer to a page's request; this one is expected, and the only one.
    expect(problems.splice(0)).toEqual([
      "console.error: Failed to load resource: the server responded with a status of 400 (Bad Request)",
    ]);
  });

  it("set new weights as a new allocation period, shown in the allocation history", async () => {
    const before = await record();
    for (const [variant, weight] of [
      ["variant_a", "0.5"],
      ["variant_b", "0.25"],
      ["variant_c", "0.25"],
    ] as const) {
      await page.getByLabel(`${variant} weight`).fill(weight);
    }
    await page.getByRole("button", { name: "Save weights" }).click();
    const rows = page.getByTestId("allocation-table").locator("tbody tr");
    await rows.nth(before.periods.length).waitFor();
    const after = await record();
    expect(after.periods).toHaveLength(before.periods.length + 1);
    expect(after.periods.at(-1)).toMatchObject({
      source: "manual",
      weights: { variant_a: 0.5, variant_b: 0.25, variant_c: 0.25 },
    });
    expect(await rows.nth(before.periods.length).textContent()).toContain("manual");
  });

  it("complete the experiment with the chosen winner", async () => {
    await page.getByLabel("Winner").selectOption("variant_b");
    await page.getByRole("button", { name: "Complete with this winner" }).click();
    await page.getByTestId("status").filter({ hasText: "completed" }).waitFor();
    expect(await record()).toMatchObject({ status: "completed", winner: "variant_b" });
    expect(problems).toEqual([]);
  });
});

describe("an interleaving experiment", () => {
  it("shows each pair's preference as the results API gives it", async () => {
    const created = await fetch(`${platform.url}/experiments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "ranker_duel",
        kind: "interleaving",
        status: "active",
        variants: [
          { id: "personal", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
          { id: "popular", weight: 0.5, recipe: "aws-popularity-count", description: "Popular" },
        ],
      }),
    });
    expect(created.status).toBe(201);
    for (const user of ["user_00001", "user_00002", "user_00003"]) {
      await fetch(`${platform.url}/recommendations`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ user_id: user, test_name: "ranker_duel", num_results: 4 }),
      });
    }
    type Duel = { kind: string; impressions: number; pairs: { a: string; b: string; preference: number }[] };
    const duelResults = async () =>
      (await (await fetch(`${platform.url}/experiments/ranker_duel/results`)).json()) as Duel;
    // The results read the counters, which the stream consumer brings up to the three exposures.
    const deadline = Date.now() + 60_000;
    let api = await duelResults();
    while (api.impressions < 3 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      api = await duelResults();
    }
    expect(api.kind).toBe("interleaving");
    expect(api.impressions).toBe(3);
    const duel = await chromium.context.newPage();
    const duelProblems = watchConsoleProblems(duel);
    await duel.goto(`${platform.url}/#/experiments/ranker_duel`);
    const table = duel.getByTestId("pairs-table");
    await table.waitFor();
    expect(await table.locator("tbody tr").count()).toBe(api.pairs.length);
    for (const pair of api.pairs) {
      const shown = await table
        .locator(`tr[data-pair="${pair.a}:${pair.b}"] [data-field="preference"]`)
        .textContent();
      expect(Math.abs(Number(shown) - pair.preference)).toBeLessThanOrEqual(0.0005 + 1e-9);
    }
    expect(await seriousViolations(duel)).toEqual([]);
    expect(duelProblems).toEqual([]);
    await duel.close();
  });
});

describe("a bandit experiment", () => {
  it("shows the periods the bandit updater started, as the record holds them", async () => {
    const created = await fetch(`${platform.url}/experiments`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        name: "bandit_carousel",
        status: "active",
        variants: [
          { id: "popular", weight: 0.5, recipe: "aws-popularity-count", description: "Popular" },
          { id: "personal", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
        ],
        // No burn-in and a one-second schedule, so that the local updater moves the weights at once.
        allocation: {
          type: "bandit",
          metric: "purchase_rate",
          burn_in: 0,
          update_every: 1,
          min_users_per_variant: 0,
        },
      }),
    });
    expect(created.status).toBe(201);
    await simulateTraffic(platform, SEED + 1, [
      "--test",
      "bandit_carousel",
      "--variants",
      "popular=0.5,personal=0.5",
      "--users",
      "120",
      "--purchase",
      "popular=0.05,personal=0.4",
    ]);
    type BanditRecord = { periods: { index: number; source: string; weights: Record<string, number> }[] };
    let record: BanditRecord | undefined;
    for (let attempt = 0; attempt < 30; attempt++) {
      await platform.schedules.runNow();
      record = (await (await fetch(`${platform.url}/experiments/bandit_carousel`)).json()) as BanditRecord;
      if (record.periods.some((period) => period.source === "bandit")) break;
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
    expect(record!.periods.some((period) => period.source === "bandit")).toBe(true);
    const bandit = await chromium.context.newPage();
    const banditProblems = watchConsoleProblems(bandit);
    await bandit.goto(`${platform.url}/#/experiments/bandit_carousel`);
    const rows = bandit.getByTestId("allocation-table").locator("tbody tr");
    await rows.first().waitFor();
    // The page read the record after the test did; the updater may have added periods since.
    expect(await rows.count()).toBeGreaterThanOrEqual(record!.periods.length);
    for (const period of record!.periods) {
      expect(await rows.nth(period.index).textContent()).toContain(period.source);
    }
    // Charts are drawn once their container has a width: wait for it rather than race it.
    const weightsChart = bandit.locator('svg[aria-label^="Each variant\'s weight"]');
    await weightsChart.waitFor();
    expect(await weightsChart.count()).toBe(1);
    // A bandit's weights are its own: the page offers no weights form.
    expect(await bandit.getByTestId("weights-form").count()).toBe(0);
    expect(banditProblems).toEqual([]);
    await bandit.close();
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
