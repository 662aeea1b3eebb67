import { describe, expect, it } from "vitest";
import { assignVariant } from "../src/assignment";
import { experimentSchema } from "../src/experiment";
import { ExperimentConflict } from "../src/experiment-errors";
import { chooseEnrollment, enrollmentStratum, servingDecision } from "../src/experiment-serving";

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-sims" as const,
  description: id,
});
const experiment = (status: string, extra: Record<string, unknown> = {}) =>
  experimentSchema.parse({ name: "t", status, variants: [variant("a", 0.1), variant("b", 0.9)], ...extra });

describe("serving by status", () => {
  it("enrolls while active, serves the control while paused and the winner once completed", () => {
    expect(servingDecision(experiment("active"))).toEqual({ kind: "enroll", status: "active" });
    expect(servingDecision(experiment("paused"))).toMatchObject({
      kind: "fixed",
      status: "paused",
      variant: { id: "a" },
    });
    expect(servingDecision(experiment("completed", { winner: "b" }))).toMatchObject({
      kind: "fixed",
      status: "completed",
      variant: { id: "b" },
    });
  });

  it("does not serve a draft", () => {
    expect(() => servingDecision(experiment("draft"))).toThrow(ExperimentConflict);
  });
});

describe("enrollment", () => {
  it("is the recipe's hash over the current weights in the current period, without a holdout", () => {
    const record = experiment("active");
    for (const userId of ["u1", "u2", "u3", "u4"]) {
      expect(chooseEnrollment(userId, record)).toEqual({
        variant: assignVariant(userId, "t", record.variants),
        period: 0,
        holdout: false,
      });
    }
  });

  it("holds out the configured share of users on equal weights (seedless: md5 of fixed ids)", () => {
    const bandit = experiment("active", {
      allocation: { type: "bandit", metric: "purchase_rate", holdout: 0.2 },
    });
    const choices = Array.from({ length: 20_000 }, (_, i) => chooseEnrollment(`user-${i}`, bandit));
    const held = choices.filter((choice) => choice.holdout);
    const share = (list: typeof choices, id: string) =>
      list.filter((c) => c.variant.id === id).length / list.length;
    console.log(
      `holdout 0.2 over 20,000 users: ${held.length} held out; their variant a share ${share(held, "a").toFixed(3)}, ` +
        `the others' ${share(
          choices.filter((c) => !c.holdout),
          "a",
        ).toFixed(3)} (weight 0.1)`,
    );
    expect(Math.abs(held.length / choices.length - 0.2)).toBeLessThan(0.01);
    expect(Math.abs(share(held, "a") - 0.5)).toBeLessThan(0.03);
    expect(
      Math.abs(
        share(
          choices.filter((c) => !c.holdout),
          "a",
        ) - 0.1,
      ),
    ).toBeLessThan(0.01);
    expect(enrollmentStratum(held[0]!)).toBe("h");
    expect(enrollmentStratum({ period: 2, holdout: false })).toBe("p2");
  });
});
