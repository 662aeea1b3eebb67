import { describe, expect, it } from "vitest";
import { DEFAULT_EXPERIMENT, experimentSchema } from "../src/experiment";

const variant = (id: string, weight: number) => ({ id, weight, recipe: "aws-sims", description: id });

describe("experiment model", () => {
  it("declares the recipe's default test with its three variants and weights", () => {
    expect(DEFAULT_EXPERIMENT.name).toBe("default_recommendation_test");
    expect(DEFAULT_EXPERIMENT.variants.map((v) => [v.id, v.weight, v.recipe])).toEqual([
      ["variant_a", 0.33, "aws-user-personalization"],
      ["variant_b", 0.33, "aws-sims"],
      ["variant_c", 0.34, "aws-popularity-count"],
    ]);
  });

  it("accepts weights that sum to 1 within 1e-9", () => {
    const result = experimentSchema.safeParse({
      name: "t",
      status: "active",
      variants: [variant("a", 0.1), variant("b", 0.2), variant("c", 0.7 - 5e-10)],
    });
    expect(result.success).toBe(true);
  });

  it.each([
    ["weights that do not sum to 1", [variant("a", 0.5), variant("b", 0.49)], "weights must sum to 1"],
    ["a zero weight", [variant("a", 1), variant("b", 0)], "greater than 0"],
    ["duplicate ids", [variant("a", 0.5), variant("a", 0.5)], "duplicate variant id a"],
    ["no variants", [], "at least one variant"],
  ])("rejects %s", (_, variants, message) => {
    const result = experimentSchema.safeParse({ name: "t", status: "active", variants });
    expect(result.success).toBe(false);
    expect(result.error?.issues.map((i) => i.message).join(";")).toContain(message);
  });

  it("rejects an unknown recipe and a test name with '#'", () => {
    expect(
      experimentSchema.safeParse({
        name: "t",
        status: "active",
        variants: [{ ...variant("a", 1), recipe: "x" }],
      }).success,
    ).toBe(false);
    expect(
      experimentSchema.safeParse({ name: "#platform", status: "active", variants: [variant("a", 1)] })
        .success,
    ).toBe(false);
  });
});
