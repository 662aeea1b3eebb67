import { describe, expect, it } from "vitest";
import { type AllocationInput, decideAllocation } from "../src/allocation-decision";
import type { StratumCell } from "../src/period-strata";

const HOUR_MS = 3_600_000;
const T0 = Date.UTC(2026, 11, 1);

const binomial = (n: number, conversions: number) => ({ n, sum: conversions, sum_squares: conversions });

// V29 of the statistics doc: period 0 A 100/1000, B 120/1000; period 1 A 40/200, B 176/800.
const V29_CELLS: StratumCell[] = [
  { stratum: "p0", variant: "a", stats: binomial(1000, 100) },
  { stratum: "p0", variant: "b", stats: binomial(1000, 120) },
  { stratum: "p1", variant: "a", stats: binomial(200, 40) },
  { stratum: "p1", variant: "b", stats: binomial(800, 176) },
];

// Closed form for two Gaussian arms: P(B best) = Φ((m_B − m_A)/√(Var_A + Var_B)) with V29's
// period-weighted means 0.1333…, 0.1533… and SEs 0.011374339838537506, 0.008416856653951721.
const P_B_BEST = 0.9212367490248505;
const FLOORED = (p: number) => 0.01 + (1 - 2 * 0.01) * p;

function input(overrides: Partial<AllocationInput> = {}): AllocationInput {
  return {
    plan: { metric: "purchase_rate", burn_in: 2 * 3600, update_every: 3600 },
    variants: ["a", "b"],
    periods: [
      { index: 0, started_at: T0, weights: { a: 0.5, b: 0.5 } },
      { index: 1, started_at: T0 + 3 * HOUR_MS, weights: { a: 0.2, b: 0.8 } },
    ],
    cells: V29_CELLS,
    nowMs: T0 + 4 * HOUR_MS,
    ...overrides,
  };
}

describe("decideAllocation", () => {
  it("keeps equal weights during the burn-in, counted from the first period's start", () => {
    const firstOnly = [{ index: 0, started_at: T0, weights: { a: 0.5, b: 0.5 } }];
    expect(decideAllocation(input({ periods: firstOnly, nowMs: T0 + 2 * HOUR_MS - 1 }))).toEqual({
      action: "wait",
      reason: "burn_in",
      burn_in_ends_at: T0 + 2 * HOUR_MS,
    });
  });

  it("sets equal weights during the burn-in when the record started with others", () => {
    const uneven = [{ index: 0, started_at: T0, weights: { a: 0.9, b: 0.1 } }];
    expect(decideAllocation(input({ periods: uneven, nowMs: T0 + HOUR_MS }))).toEqual({
      action: "reweight",
      reason: "burn_in",
      weights: { a: 0.5, b: 0.5 },
      p_best: null,
      winner: null,
    });
  });

  it("waits until update_every has passed since the current period started", () => {
    expect(decideAllocation(input({ nowMs: T0 + 4 * HOUR_MS - 1 }))).toEqual({
      action: "wait",
      reason: "not_due",
      due_at: T0 + 4 * HOUR_MS,
    });
  });

  it("keeps the weights while an arm has fewer users than min_users_per_variant", () => {
    const plan = { ...input().plan, min_users_per_variant: 1201 };
    expect(decideAllocation(input({ plan }))).toEqual({
      action: "wait",
      reason: "too_few_users",
      users: { a: 1200, b: 1800 },
      min_users_per_variant: 1201,
    });
  });

  it("reweights from the period-weighted estimates with the additive floor (V29)", () => {
    const decision = decideAllocation(input());
    expect(decision).toMatchObject({ action: "reweight", reason: "updated", winner: null });
    if (decision.action !== "reweight") throw new Error("expected a reweight");
    expect(decision.weights.a).toBeCloseTo(FLOORED(1 - P_B_BEST), 9);
    expect(decision.weights.b).toBeCloseTo(FLOORED(P_B_BEST), 9);
    expect(decision.weights.a! + decision.weights.b!).toBeCloseTo(1, 12);
    expect(decision.p_best?.b).toBeCloseTo(P_B_BEST, 9);
  });

  it("names the winner once its P(best) reaches winner_probability, and keeps reweighting", () => {
    const plan = { ...input().plan, winner_probability: 0.92 };
    expect(decideAllocation(input({ plan }))).toMatchObject({ action: "reweight", winner: "b" });
    const stricter = { ...plan, winner_probability: 0.9213 };
    expect(decideAllocation(input({ plan: stricter }))).toMatchObject({ action: "reweight", winner: null });
  });

  it("completes with the winner when the plan asks to", () => {
    const plan = { ...input().plan, winner_probability: 0.92, complete_on_winner: true };
    const decision = decideAllocation(input({ plan }));
    expect(decision).toMatchObject({ action: "complete", winner: "b" });
    if (decision.action !== "complete") throw new Error("expected a completion");
    expect(decision.p_best.b).toBeCloseTo(P_B_BEST, 9);
  });

  it("turns the ranking around for a lower-is-better metric", () => {
    const decision = decideAllocation(input({ lowerIsBetter: true }));
    if (decision.action !== "reweight") throw new Error("expected a reweight");
    expect(decision.weights.a).toBeCloseTo(FLOORED(P_B_BEST), 9);
  });

  it("leaves the holdout stratum and removed variants out of the evidence", () => {
    const heldOut = [
      { stratum: "h", variant: "a", stats: binomial(5000, 4000) },
      { stratum: "h", variant: "b", stats: binomial(5000, 10) },
      { stratum: "p1", variant: "gone", stats: binomial(900, 900) },
    ];
    const decision = decideAllocation(input({ cells: [...V29_CELLS, ...heldOut] }));
    if (decision.action !== "reweight") throw new Error("expected a reweight");
    expect(decision.weights.b).toBeCloseTo(FLOORED(P_B_BEST), 9);

    // The same cells as a bandit period would overturn the ranking: the exclusion is what keeps it.
    const counted = heldOut.map((cell) => ({ ...cell, stratum: cell.stratum === "h" ? "p2" : cell.stratum }));
    const overturned = decideAllocation(input({ cells: [...V29_CELLS, ...counted] }));
    if (overturned.action !== "reweight") throw new Error("expected a reweight");
    expect(overturned.weights.a).toBeGreaterThan(0.9);
  });

  it("counts a period only when every arm has at least two users in it", () => {
    const lopsided = [...V29_CELLS, { stratum: "p2", variant: "a", stats: binomial(500, 500) }];
    const decision = decideAllocation(input({ cells: lopsided }));
    if (decision.action !== "reweight") throw new Error("expected a reweight");
    expect(decision.weights.b).toBeCloseTo(FLOORED(P_B_BEST), 9);
  });
});
