import { describe, expect, it } from "vitest";
import { parseExperimentFile } from "../src/experiment-put/experiment-file";

const variant = (id: string, weight: number) => ({
  id,
  weight,
  recipe: "aws-popularity-count",
  campaignArn: "arn:aws:personalize:us-east-1:000000000000:campaign/local-aws-popularity-count",
  description: "Popularity",
});
const file = (variants: unknown[]) =>
  JSON.stringify({ name: "homepage_carousel", status: "active", variants });

describe("parseExperimentFile", () => {
  it("gives the experiment when it validates", () => {
    const result = parseExperimentFile(file([variant("control", 0.5), variant("treatment", 0.5)]));
    if (result.problems) throw new Error(result.problems.join("; "));
    expect(result.experiment.variants.map((v) => v.id)).toEqual(["control", "treatment"]);
  });

  it("refuses weights that do not sum to 1, naming the field", () => {
    expect(parseExperimentFile(file([variant("control", 0.5), variant("treatment", 0.2)])).problems).toEqual([
      "variants: weights must sum to 1 (got 0.7)",
    ]);
  });

  it("refuses a duplicate variant id, naming the variant's field", () => {
    expect(parseExperimentFile(file([variant("control", 0.5), variant("control", 0.5)])).problems).toEqual([
      "variants.1.id: duplicate variant id control",
    ]);
  });

  it("refuses text that is not JSON, and names each bad field of a record", () => {
    expect(parseExperimentFile("{ nope").problems?.[0]).toMatch(/^file: must be valid JSON/);
    const problems = parseExperimentFile(
      JSON.stringify({ name: "bad name!", status: "on", variants: [] }),
    ).problems;
    expect(problems?.map((line) => line.split(":")[0])).toEqual(["name", "status", "variants"]);
  });
});
