import { describe, expect, it } from "vitest";
import {
  FILTER_NAMES,
  filterParameters,
  keepsCategories,
  PERSONALIZE_FILTERS,
  parseFilterExpression,
  parseFilterValue,
  personalizeFilterValues,
  recommendationRequestSchema,
  variantSchema,
} from "../src";

const problems = (body: unknown) => {
  const result = recommendationRequestSchema.safeParse(body);
  return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
};

describe("the declared Personalize filters", () => {
  it("are each one condition the local recommender supports, over fields of the dataset schemas", () => {
    for (const name of FILTER_NAMES) {
      expect(parseFilterExpression(PERSONALIZE_FILTERS[name].expression)).toMatchObject({ supported: true });
    }
    expect(parseFilterExpression(PERSONALIZE_FILTERS["exclude-purchased"].expression)).toEqual({
      supported: true,
      condition: {
        action: "EXCLUDE",
        dataset: "Interactions",
        field: "EVENT_TYPE",
        values: { literal: ["purchase"] },
      },
    });
    expect(filterParameters(PERSONALIZE_FILTERS.category.expression)).toEqual(["CATEGORY"]);
    expect(filterParameters(PERSONALIZE_FILTERS["exclude-purchased"].expression)).toEqual([]);
    expect(keepsCategories("category")).toBe(true);
    expect(keepsCategories("exclude-purchased")).toBe(false);
  });

  it("refuses expressions outside the supported subset, saying why", () => {
    expect(parseFilterExpression("EXCLUDE ItemID WHERE Items.PRICE > 10")).toMatchObject({
      supported: false,
    });
    expect(
      parseFilterExpression(
        'INCLUDE ItemID WHERE Items.CATEGORY IN ("a") | EXCLUDE ItemID WHERE Items.BRAND IN ("b")',
      ),
    ).toMatchObject({ supported: false });
    expect(parseFilterExpression('INCLUDE ItemID WHERE Items.COLOUR IN ("red")')).toEqual({
      supported: false,
      problem: "Items.COLOUR cannot be filtered on",
    });
    expect(
      parseFilterExpression('EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("a", "b\\"c")'),
    ).toMatchObject({
      condition: { values: { literal: ["a", 'b"c'] } },
    });
  });

  it("writes filter values as Personalize takes them, JSON-quoted and comma-separated, and reads them back", () => {
    expect(personalizeFilterValues({ CATEGORY: ["shoes"] })).toEqual({ CATEGORY: '"shoes"' });
    expect(personalizeFilterValues({ CATEGORY: ["a", 'b"c'] })).toEqual({ CATEGORY: '"a","b\\"c"' });
    expect(parseFilterValue('"a","b\\"c"')).toEqual(["a", 'b"c']);
    expect(parseFilterValue("shoes")).toBeUndefined();
    expect(parseFilterValue("")).toBeUndefined();
  });
});

describe("filter and filter_values in POST /recommendations", () => {
  it("accepts a declared filter with exactly its parameters, one value or a list", () => {
    expect(problems({ user_id: "u", filter: "exclude-purchased" })).toEqual([]);
    expect(problems({ user_id: "u", filter: "category", filter_values: { CATEGORY: "books" } })).toEqual([]);
    expect(
      problems({ user_id: "u", filter: "category", filter_values: { CATEGORY: ["books", "home"] } }),
    ).toEqual([]);
  });

  it("names the field of an unknown filter, a missing or extra value, and values without a filter", () => {
    expect(problems({ user_id: "u", filter: "cheap" })).toEqual([
      ["filter", `must be one of ${FILTER_NAMES.join(", ")}`],
    ]);
    expect(problems({ user_id: "u", filter: "category" })).toEqual([
      ["filter_values.CATEGORY", "is required by the category filter"],
    ]);
    expect(
      problems({ user_id: "u", filter: "category", filter_values: { CATEGORY: "a", BRAND: "b" } }),
    ).toEqual([["filter_values.BRAND", "is not a parameter of the category filter (CATEGORY)"]]);
    expect(problems({ user_id: "u", filter: "exclude-purchased", filter_values: { CATEGORY: "a" } })).toEqual(
      [["filter_values.CATEGORY", "is not a parameter of the exclude-purchased filter (it takes none)"]],
    );
    expect(problems({ user_id: "u", filter_values: { CATEGORY: "a" } })).toEqual([
      ["filter_values", "needs a filter"],
    ]);
    expect(problems({ user_id: "u", filter: "category", filter_values: { CATEGORY: [] } })).toEqual([
      ["filter_values.CATEGORY", "must not be empty"],
    ]);
    const long = Array.from({ length: 10 }, () => "x".repeat(200));
    expect(problems({ user_id: "u", filter: "category", filter_values: { CATEGORY: long } })).toEqual([
      ["filter_values.CATEGORY", "must be at most 1000 characters once quoted"],
    ]);
  });
});

describe("a variant's filter", () => {
  const variant = { id: "v", weight: 1, recipe: "aws-popularity-count", description: "d" };
  const problemsOf = (filter: unknown) => {
    const result = variantSchema.safeParse({ ...variant, filter });
    return result.success ? [] : result.error.issues.map((issue) => [issue.path.join("."), issue.message]);
  };

  it("is a declared filter with exactly its parameters, checked as a request's is", () => {
    expect(problemsOf({ name: "exclude-purchased" })).toEqual([]);
    expect(problemsOf({ name: "category", values: { CATEGORY: ["books"] } })).toEqual([]);
    expect(problemsOf({ name: "category" })).toEqual([
      ["filter.values.CATEGORY", "is required by the category filter"],
    ]);
    expect(problemsOf({ name: "cheap" })).toEqual([
      ["filter.name", `must be one of ${FILTER_NAMES.join(", ")}`],
    ]);
  });
});
