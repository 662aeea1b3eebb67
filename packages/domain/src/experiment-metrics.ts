import * as z from "zod/mini";
import { EXPOSURE_EVENT_TYPE } from "./contracts/events";
import { recommendationSourceSchema } from "./contracts/recommendations";

export const METRIC_NAME_PATTERN = /^[a-z][a-z0-9_]{0,63}$/;

/**
 * Which of a user's records count toward a metric's per-user numerator or denominator.
 * `event_types` may name the exposure type (`recommendation_served`): an exposure counts only for
 * the experiment that served it. `with_recommendation` keeps only events whose recommendation_id
 * is one of this experiment's exposures; `source` keeps only exposures served from Personalize or
 * from the fallback list.
 */
export const eventSelectorSchema = z
  .object({
    event_types: z
      .array(z.string().check(z.minLength(1, "must not be empty"), z.maxLength(256)))
      .check(z.minLength(1, "needs at least one event type")),
    value: z.optional(z.enum(["count", "event_value"])),
    with_recommendation: z.optional(z.boolean()),
    source: z.optional(recommendationSourceSchema),
  })
  .check(
    z.superRefine((selector, ctx) => {
      if (
        selector.source !== undefined &&
        selector.event_types.some((type) => type !== EXPOSURE_EVENT_TYPE)
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["source"],
          message: `applies only to ${EXPOSURE_EVENT_TYPE} records; event_types must name only that type`,
        });
      }
    }),
  );

export const METRIC_KINDS = ["binomial", "mean", "ratio"] as const;
export const METRIC_ROLES = ["primary", "secondary", "guardrail"] as const;
export const ANALYSIS_METHODS = ["sequential", "fixed"] as const;

export const metricDefinitionSchema = z
  .object({
    name: z
      .string()
      .check(
        z.regex(METRIC_NAME_PATTERN, "must be 1-64 lowercase letters, digits or '_', starting with a letter"),
      ),
    kind: z.enum(METRIC_KINDS),
    role: z.enum(METRIC_ROLES),
    lower_is_better: z.optional(z.boolean()),
    method: z.optional(z.enum(ANALYSIS_METHODS)),
    numerator: eventSelectorSchema,
    denominator: z.optional(eventSelectorSchema),
  })
  .check(
    z.superRefine((metric, ctx) => {
      if (metric.kind === "ratio" && metric.denominator === undefined) {
        ctx.addIssue({ code: "custom", path: ["denominator"], message: "is required for a ratio metric" });
      }
      if (metric.kind !== "ratio" && metric.denominator !== undefined) {
        ctx.addIssue({ code: "custom", path: ["denominator"], message: "applies only to a ratio metric" });
      }
      if (metric.kind === "binomial" && metric.numerator.value === "event_value") {
        ctx.addIssue({
          code: "custom",
          path: ["numerator", "value"],
          message:
            "a binomial metric counts users with a qualifying event; use a mean metric for event_value",
        });
      }
    }),
  );

/** An experiment's metric list: unique names and at least one primary metric. */
export const metricListSchema = z
  .array(metricDefinitionSchema)
  // One user's change must fit a 100-item transaction with its state.
  .check(z.minLength(1, "needs at least one metric"), z.maxLength(50, "has at most 50 metrics"))
  .check(
    z.superRefine((metrics, ctx) => {
      const seen = new Set<string>();
      metrics.forEach((metric, index) => {
        if (seen.has(metric.name)) {
          ctx.addIssue({
            code: "custom",
            path: [index, "name"],
            message: `duplicate metric name ${metric.name}`,
          });
        }
        seen.add(metric.name);
      });
      if (!metrics.some((metric) => metric.role === "primary")) {
        ctx.addIssue({ code: "custom", path: [], message: "needs at least one metric with role primary" });
      }
    }),
  );

export type EventSelector = z.infer<typeof eventSelectorSchema>;
export type MetricDefinition = z.infer<typeof metricDefinitionSchema>;
export type MetricKind = MetricDefinition["kind"];
export type MetricRole = MetricDefinition["role"];

const exposures: EventSelector = { event_types: [EXPOSURE_EVENT_TYPE] };

/** The metrics an experiment is analysed on unless its record declares its own. */
export const DEFAULT_METRICS: readonly MetricDefinition[] = metricListSchema.parse([
  { name: "purchase_rate", kind: "binomial", role: "primary", numerator: { event_types: ["purchase"] } },
  {
    name: "revenue_per_user",
    kind: "mean",
    role: "secondary",
    numerator: { event_types: ["purchase"], value: "event_value" },
  },
  {
    name: "add_to_cart_rate",
    kind: "binomial",
    role: "secondary",
    numerator: { event_types: ["add_to_cart"] },
  },
  {
    name: "recommendation_ctr",
    kind: "ratio",
    role: "secondary",
    numerator: { event_types: ["click", "view"], with_recommendation: true },
    denominator: exposures,
  },
  {
    name: "fallback_share",
    kind: "ratio",
    role: "guardrail",
    lower_is_better: true,
    numerator: { ...exposures, source: "fallback" },
    denominator: exposures,
  },
]);

/** The metrics of an experiment: those its record declares, else the defaults. */
export function metricsOf(experiment: { readonly metrics?: readonly MetricDefinition[] | undefined }) {
  return experiment.metrics ?? DEFAULT_METRICS;
}
