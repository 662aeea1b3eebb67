import { describe, expect, it } from "vitest";
import { parseSimulationArgs } from "../src/simulation-options";
import { parseVariantRates, rateFor } from "../src/variant-rates";

const problemOf = (args: string[]) => {
  try {
    parseSimulationArgs(args);
  } catch (error) {
    return (error as Error).message;
  }
  return "accepted";
};

describe("per-variant rates", () => {
  it("reads named variants and a default for the others", () => {
    const rates = parseVariantRates("purchase", "0.05,variant_b=0.08");
    expect(rateFor(rates, "variant_a")).toBe(0.05);
    expect(rateFor(rates, "variant_b")).toBe(0.08);
    expect(rateFor(parseVariantRates("purchase", "variant_b=0.08"), "variant_a")).toBe(0);
  });

  it.each([
    ["variant_a=1.5", '--purchase: "1.5" is not a probability between 0 and 1'],
    ["variant_a=", '--purchase: "" is not a probability between 0 and 1'],
    ["a=0.1,a=0.2", "--purchase: names a twice"],
    ["0.1,0.2", "--purchase: names more than one default rate"],
    ["a b=0.1", '--purchase: "a b=0.1" is not variant=rate'],
  ])("refuses %s naming the option", (text, message) => {
    expect(() => parseVariantRates("purchase", text)).toThrow(message);
  });
});

describe("the simulator's command line", () => {
  it("has defaults for the local platform and the default test", () => {
    const { options } = parseSimulationArgs([]);
    expect(options).toMatchObject({
      url: "http://127.0.0.1:3000",
      testName: "default_recommendation_test",
      users: 1000,
      seed: 1,
      concurrency: 8,
      userPrefix: "sim_1_",
      skipEnrollment: {},
    });
    expect(options.variants.map((variant) => variant.id)).toEqual(["variant_a", "variant_b", "variant_c"]);
    // No option names the kind of experiment: the first answer will.
    expect(options.kind).toBeUndefined();
  });

  it("reads --item-click as an interleaving run, and the funnel rates as an A/B run", () => {
    const { options } = parseSimulationArgs(["--test", "rankers", "--item-click", "0.05,variant_b=0.08"]);
    expect(options.kind).toBe("interleaving");
    expect(rateFor(options.itemClick, "variant_a")).toBe(0.05);
    expect(rateFor(options.itemClick, "variant_b")).toBe(0.08);
    expect(parseSimulationArgs(["--click", "0.3"]).options.kind).toBe("ab");
  });

  it.each([
    [["--users", "0"], "--users: must be a whole number from 1 to 10000000"],
    [["--seed", "1.5"], "--seed: must be a whole number"],
    [["--test", "no spaces"], "--test: must be 1-128 letters"],
    [["--skip-enrollment", "variant_z=0.5"], "--skip-enrollment: variant_z is not a variant"],
    [["--skip-enrollment", "0.5"], "--skip-enrollment: name the variant: V=share"],
    [["--test", "other", "--skip-enrollment", "a=0.5"], "--variants: is required with --skip-enrollment"],
    [["--variants", "a=0.5,b=0.4"], "--variants: weights must sum to 1"],
    [["--bogus"], "--arguments: Unknown option '--bogus'"],
    [["--item-click", "variant_b=1.2"], '--item-click: "1.2" is not a probability between 0 and 1'],
    [["--item-click", "0.1,0.2"], "--item-click: names more than one default rate"],
    [
      ["--item-click", "0.1", "--purchase", "0.1", "--variants", "a=1"],
      "--item-click: is for interleaving experiments and cannot be mixed with --purchase, --variants, which are for A/B tests",
    ],
    [
      ["--skip-enrollment", "variant_b=0.3", "--item-click", "0.1"],
      "--item-click: is for interleaving experiments and cannot be mixed with --skip-enrollment",
    ],
  ])("refuses %j naming the option", (args, message) => {
    expect(problemOf(args)).toContain(message);
  });
});
