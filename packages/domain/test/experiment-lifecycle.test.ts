import { describe, expect, it } from "vitest";
import { type ExperimentStatus, experimentSchema } from "../src/experiment";
import { ExperimentConflict, InvalidExperimentChange } from "../src/experiment-errors";
import { changeStatus, STATUS_TRANSITIONS, startAllocationPeriod } from "../src/experiment-lifecycle";
import { newExperiment, reviseExperiment } from "../src/experiment-revision";

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-sims" as const,
  description: id,
});
const T0 = Date.UTC(2026, 11, 1);

function draft() {
  return newExperiment({ name: "t", variants: [variant("a", 0.5), variant("b", 0.5)] }, T0);
}

function problemsOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof InvalidExperimentChange) return error.problems;
    throw error;
  }
  throw new Error("expected an InvalidExperimentChange");
}

function conflictOf(action: () => unknown) {
  try {
    action();
  } catch (error) {
    if (error instanceof ExperimentConflict) return { code: error.code, field: error.field };
    throw error;
  }
  throw new Error("expected an ExperimentConflict");
}

describe("records written before the lifecycle", () => {
  it("read as version 0 with one period 0 from the variants' weights, active from the start", () => {
    const legacy = experimentSchema.parse({
      name: "old",
      status: "active",
      variants: [variant("a", 0.3), variant("b", 0.7)],
    });
    expect(legacy.version).toBe(0);
    expect(legacy.periods).toEqual([
      { index: 0, started_at: 0, weights: { a: 0.3, b: 0.7 }, source: "created" },
    ]);
    expect(legacy.active_spans).toEqual([{ started_at: 0 }]);
  });
});

describe("status transitions", () => {
  const all: ExperimentStatus[] = ["draft", "active", "paused", "completed"];
  const withStatus = (status: ExperimentStatus) =>
    experimentSchema.parse({
      ...draft(),
      status,
      ...(status === "completed" && { winner: "a" }),
    });

  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))("%s -> %s", (from, to) => {
    const change = { status: to, ...(to === "completed" && { winner: "b" }) };
    if (STATUS_TRANSITIONS[from].includes(to)) {
      expect(changeStatus(withStatus(from), change, T0 + 1000).status).toBe(to);
    } else {
      expect(conflictOf(() => changeStatus(withStatus(from), change, T0 + 1000))).toEqual({
        code: "invalid_transition",
        field: "status",
      });
    }
  });

  it("allows exactly draft->active, active<->paused and active|paused->completed", () => {
    expect(STATUS_TRANSITIONS).toEqual({
      draft: ["active"],
      active: ["paused", "completed"],
      paused: ["active", "completed"],
      completed: [],
    });
  });

  it("completes only with a known winner, and takes a winner only when completing", () => {
    const active = changeStatus(draft(), { status: "active" }, T0);
    expect(problemsOf(() => changeStatus(active, { status: "completed" }, T0))).toEqual([
      { field: "winner", problem: "is required when the status is completed" },
    ]);
    expect(problemsOf(() => changeStatus(active, { status: "completed", winner: "z" }, T0))[0]?.field).toBe(
      "winner",
    );
    expect(problemsOf(() => changeStatus(active, { status: "paused", winner: "a" }, T0))[0]?.field).toBe(
      "winner",
    );
    expect(changeStatus(active, { status: "completed", winner: "b" }, T0 + 5).winner).toBe("b");
  });

  it("starts the draft's period on activation and keeps active spans for the counters", () => {
    const active = changeStatus(draft(), { status: "active" }, T0 + 100);
    expect(active.periods[0]?.started_at).toBe(T0 + 100);
    const paused = changeStatus(active, { status: "paused" }, T0 + 200);
    const resumed = changeStatus(paused, { status: "active" }, T0 + 300);
    const done = changeStatus(resumed, { status: "completed", winner: "a" }, T0 + 400);
    expect(done.active_spans).toEqual([
      { started_at: T0 + 100, ended_at: T0 + 200 },
      { started_at: T0 + 300, ended_at: T0 + 400 },
    ]);
    expect(done.version).toBe(active.version);
  });
});

describe("allocation periods", () => {
  const active = () => changeStatus(draft(), { status: "active" }, T0);

  it("appends a period with the new weights, which become the variants' weights", () => {
    const next = startAllocationPeriod(active(), { a: 0.2, b: 0.8 }, "bandit", T0 + 60_000);
    expect(next.periods.map((period) => [period.index, period.weights, period.source])).toEqual([
      [0, { a: 0.5, b: 0.5 }, "created"],
      [1, { a: 0.2, b: 0.8 }, "bandit"],
    ]);
    expect(next.periods[1]?.started_at).toBe(T0 + 60_000);
    expect(next.variants.map((v) => v.weight)).toEqual([0.2, 0.8]);
  });

  it("returns the record itself when the weights do not change", () => {
    const record = active();
    expect(startAllocationPeriod(record, { a: 0.5, b: 0.5 }, "bandit", T0 + 1)).toBe(record);
  });

  it("replaces a draft's only period (no user enrolled yet)", () => {
    const next = startAllocationPeriod(draft(), { a: 0.1, b: 0.9 }, "manual", T0 + 1);
    expect(next.periods).toHaveLength(1);
    expect(next.periods[0]?.weights).toEqual({ a: 0.1, b: 0.9 });
  });

  it("names every bad weight, and refuses a completed experiment", () => {
    expect(problemsOf(() => startAllocationPeriod(active(), { a: 0.5, c: 0.5 }, "manual", T0))).toEqual([
      { field: "weights.b", problem: "must be a number greater than 0 and at most 1" },
      { field: "weights.c", problem: "is not a variant of t" },
    ]);
    expect(problemsOf(() => startAllocationPeriod(active(), { a: 0.5, b: 0.6 }, "manual", T0))).toEqual([
      { field: "weights", problem: "must sum to 1" },
    ]);
    const completed = changeStatus(active(), { status: "completed", winner: "a" }, T0);
    expect(conflictOf(() => startAllocationPeriod(completed, { a: 0.2, b: 0.8 }, "bandit", T0))).toEqual({
      code: "experiment_completed",
      field: "status",
    });
  });
});

describe("validation names every problem by field", () => {
  it("reports weights, duplicate ids, a bandit metric and floor at once", () => {
    const result = experimentSchema.safeParse({
      name: "t",
      status: "active",
      variants: [variant("a", 0.5), variant("a", 0.4)],
      allocation: { type: "bandit", metric: "nope", floor: 0.5 },
    });
    expect(result.error?.issues.map((issue) => issue.path.join("."))).toEqual([
      "variants",
      "variants.1.id",
      "allocation.metric",
      "allocation.floor",
    ]);
  });

  it("refuses a bandit floor of 0 and a bandit on a ratio metric", () => {
    const bandit = (allocation: Record<string, unknown>) =>
      experimentSchema.safeParse({
        name: "t",
        status: "active",
        variants: [variant("a", 0.5), variant("b", 0.5)],
        allocation: { type: "bandit", metric: "purchase_rate", ...allocation },
      });
    expect(bandit({ floor: 0 }).error?.issues.map((issue) => [issue.path.join("."), issue.message])).toEqual([
      ["allocation.floor", "must be greater than 0"],
    ]);
    expect(bandit({ floor: 0.001 }).success).toBe(true);
    expect(
      bandit({ metric: "recommendation_ctr" }).error?.issues.map((issue) => issue.path.join(".")),
    ).toEqual(["allocation.metric"]);
  });

  it("fills the bandit defaults of the statistics package", () => {
    const created = newExperiment(
      {
        name: "b",
        variants: [variant("a", 0.5), variant("b", 0.5)],
        allocation: experimentSchema.parse({
          name: "b",
          status: "draft",
          variants: [variant("a", 0.5), variant("b", 0.5)],
          allocation: { type: "bandit", metric: "purchase_rate" },
        }).allocation!,
      },
      T0,
    );
    expect(created.allocation).toEqual({
      type: "bandit",
      metric: "purchase_rate",
      burn_in: 86_400,
      update_every: 86_400,
      floor: 0.01,
      min_users_per_variant: 100,
      winner_probability: 0.95,
    });
  });
});

describe("revising a record (PUT)", () => {
  const active = () => changeStatus(draft(), { status: "active" }, T0);
  const update = (weights: [number, number], extra = {}) => ({
    version: 1,
    variants: [variant("a", weights[0]), variant("b", weights[1])],
    ...extra,
  });

  it("starts a manual period when the weights change", () => {
    const next = reviseExperiment(active(), update([0.3, 0.7]), T0 + 10);
    expect(next.periods.at(-1)).toEqual({
      index: 1,
      started_at: T0 + 10,
      weights: { a: 0.3, b: 0.7 },
      source: "manual",
    });
  });

  it("refuses new variant ids once started, but not in a draft", () => {
    const renamed = { version: 1, variants: [variant("a", 0.5), variant("c", 0.5)] };
    expect(conflictOf(() => reviseExperiment(active(), renamed, T0))).toEqual({
      code: "experiment_started",
      field: "variants",
    });
    expect(reviseExperiment(draft(), renamed, T0).periods).toEqual([
      { index: 0, started_at: T0, weights: { a: 0.5, c: 0.5 }, source: "created" },
    ]);
  });

  it("names a status sent to PUT, and refuses a completed experiment", () => {
    expect(
      problemsOf(() => reviseExperiment(active(), update([0.5, 0.5], { status: "paused" }), T0)),
    ).toEqual([{ field: "status", problem: "changes only through POST /experiments/{name}/status" }]);
    const completed = changeStatus(active(), { status: "completed", winner: "a" }, T0);
    expect(conflictOf(() => reviseExperiment(completed, update([0.5, 0.5]), T0)).code).toBe(
      "experiment_completed",
    );
  });

  it("reports weights that do not sum to 1 once, under variants", () => {
    expect(problemsOf(() => reviseExperiment(active(), update([0.5, 0.6]), T0))).toEqual([
      { field: "variants", problem: "weights must sum to 1 (got 1.1)" },
    ]);
  });
});
