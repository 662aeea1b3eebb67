import * as z from "zod/mini";

// The `experiment analyze --input` JSON (snake_case, as the results API speaks it). zod/mini so
// the CLI and the API can answer a bad input with a 400 naming each field.

const count = z.number().check(z.int("must be a whole number"), z.nonnegative("must be at least 0"));
const finite = z.number().check(z.refine(Number.isFinite, "must be a finite number"));
const nonNegative = finite.check(z.nonnegative("must be at least 0"));
const variantId = z
  .string()
  .check(z.minLength(1, "must not be empty"), z.maxLength(64, "must be at most 64 characters"));

export const sufficientStatsSchema = z.object({
  n: count,
  sum: finite,
  sum_squares: nonNegative,
  den_sum: z.optional(finite),
  den_sum_squares: z.optional(nonNegative),
  cross_sum: z.optional(finite),
});

export const METRIC_KINDS = ["binomial", "mean", "ratio"] as const;
export const METRIC_ROLES = ["primary", "secondary", "guardrail"] as const;
export const ANALYSIS_METHODS = ["sequential", "fixed"] as const;
export const CORRECTIONS = ["holm", "bh", "none"] as const;

export const metricInputSchema = z
  .object({
    name: z
      .string()
      .check(z.regex(/^[a-z][a-z0-9_]{0,63}$/, "must be 1-64 lowercase letters, digits or '_'")),
    kind: z.enum(METRIC_KINDS),
    role: z.optional(z.enum(METRIC_ROLES)),
    lower_is_better: z.optional(z.boolean()),
    method: z.optional(z.enum(ANALYSIS_METHODS)),
    variants: z.record(variantId, sufficientStatsSchema),
  })
  .check(
    z.superRefine((metric, ctx) => {
      for (const [id, stats] of Object.entries(metric.variants)) {
        const path = ["variants", id];
        if (metric.kind === "binomial" && (stats.sum < 0 || stats.sum > stats.n)) {
          ctx.addIssue({
            code: "custom",
            path: [...path, "sum"],
            message: "must be between 0 and n for a binomial metric",
          });
        }
        if (metric.kind === "ratio") {
          for (const field of ["den_sum", "den_sum_squares", "cross_sum"] as const) {
            if (stats[field] === undefined) {
              ctx.addIssue({
                code: "custom",
                path: [...path, field],
                message: "is required for a ratio metric",
              });
            }
          }
        } else {
          for (const field of ["den_sum", "den_sum_squares", "cross_sum"] as const) {
            if (stats[field] !== undefined) {
              ctx.addIssue({
                code: "custom",
                path: [...path, field],
                message: `applies only to ratio metrics`,
              });
            }
          }
        }
      }
    }),
  );

export const allocationPeriodSchema = z.object({
  users: z.record(variantId, count),
  weights: z.record(variantId, nonNegative),
});

export const analyzeInputSchema = z
  .object({
    alpha: z.optional(finite.check(z.gt(0, "must be greater than 0"), z.lte(0.5, "must be at most 0.5"))),
    control: variantId,
    weights: z.optional(z.record(variantId, nonNegative)),
    users: z.optional(z.record(variantId, count)),
    method: z.optional(z.enum(ANALYSIS_METHODS)),
    tuning: z.optional(finite.check(z.positive("must be greater than 0"))),
    prior: z.optional(
      z.object({ mean: finite, variance: finite.check(z.positive("must be greater than 0")) }),
    ),
    correction: z.optional(z.enum(CORRECTIONS)),
    metrics: z.array(metricInputSchema).check(z.minLength(1, "needs at least one metric")),
    periods: z.optional(z.array(allocationPeriodSchema).check(z.minLength(1, "needs at least one period"))),
  })
  .check(
    z.superRefine((input, ctx) => {
      const seen = new Set<string>();
      input.metrics.forEach((metric, index) => {
        if (seen.has(metric.name)) {
          ctx.addIssue({
            code: "custom",
            path: ["metrics", index, "name"],
            message: `duplicate metric ${metric.name}`,
          });
        }
        seen.add(metric.name);
        const ids = Object.keys(metric.variants);
        if (!ids.includes(input.control)) {
          ctx.addIssue({
            code: "custom",
            path: ["metrics", index, "variants", input.control],
            message: "the control must have statistics in every metric",
          });
        }
        if (ids.length < 2) {
          ctx.addIssue({
            code: "custom",
            path: ["metrics", index, "variants"],
            message: "needs at least two variants",
          });
        }
      });
      const variants = variantsOf(input.metrics);
      const checkMap = (map: Record<string, number> | undefined, path: PropertyKey[]) => {
        if (!map) return;
        for (const id of Object.keys(map)) {
          if (!variants.includes(id)) {
            ctx.addIssue({ code: "custom", path: [...path, id], message: "is not a variant of any metric" });
          }
        }
      };
      checkMap(input.weights, ["weights"]);
      for (const id of variants) {
        if (input.weights && input.weights[id] === undefined) {
          ctx.addIssue({
            code: "custom",
            path: ["weights", id],
            message: "is required for every variant (0 if it got no traffic)",
          });
        }
      }
      checkMap(input.users, ["users"]);
      if (input.weights && !Object.values(input.weights).some((weight) => weight > 0)) {
        ctx.addIssue({
          code: "custom",
          path: ["weights"],
          message: "needs at least one weight greater than 0",
        });
      }
      input.periods?.forEach((period, index) => {
        checkMap(period.users, ["periods", index, "users"]);
        checkMap(period.weights, ["periods", index, "weights"]);
        if (!Object.values(period.weights).some((weight) => weight > 0)) {
          ctx.addIssue({
            code: "custom",
            path: ["periods", index, "weights"],
            message: "needs at least one weight greater than 0",
          });
        }
      });
    }),
  );

export type AnalyzeInput = z.output<typeof analyzeInputSchema>;
export type MetricInput = z.output<typeof metricInputSchema>;

/** Every variant named by any metric, in first-seen order. */
export function variantsOf(metrics: readonly Pick<MetricInput, "variants">[]): string[] {
  const ids: string[] = [];
  for (const metric of metrics) {
    for (const id of Object.keys(metric.variants)) if (!ids.includes(id)) ids.push(id);
  }
  return ids;
}

/** One problem with the input: the field as a dotted path (`input` for the whole) and what is wrong. */
export interface InputProblem {
  readonly field: string;
  readonly problem: string;
}

export type AnalyzeInputValidation =
  | { readonly ok: true; readonly input: AnalyzeInput }
  | { readonly ok: false; readonly problems: readonly InputProblem[] };

/** Validates an analyze input, naming every bad field, without throwing. */
export function validateAnalyzeInput(json: unknown): AnalyzeInputValidation {
  const parsed = analyzeInputSchema.safeParse(json);
  if (parsed.success) return { ok: true, input: parsed.data };
  return {
    ok: false,
    problems: parsed.error.issues.map((issue) => ({
      field: issue.path.length === 0 ? "input" : issue.path.map(String).join("."),
      problem: issue.message,
    })),
  };
}
