import { GetSolutionMetricsCommand, type PersonalizeClient } from "@aws-sdk/client-personalize";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  DEPLOYED_MODELS_ATTRIBUTES,
  type DeployedModel,
  ENV,
  PLATFORM_CONFIG_KEY,
  RECIPES,
  type Strategy,
  TABLES,
} from "@personalize-ab/domain";
import { z } from "zod";
import { defineAction } from "../action";
import { requireSetting } from "../context";
import { ManagerError } from "../errors";
import { personalizeArn } from "../fields";

const STRATEGIES = [...new Set(Object.values(RECIPES).map((recipe) => recipe.strategy))] as [
  Strategy,
  ...Strategy[],
];

/** What a new model may lose against the deployed one, in absolute metric units, by default. */
export const DEFAULT_MAX_METRIC_DROP: Readonly<Record<string, number>> = {
  normalized_discounted_cumulative_gain_at_10: 0.02,
  precision_at_10: 0.02,
};

export const METRICS_GATE_FAILED = "MetricsGateFailed";

interface Comparison {
  readonly strategy: Strategy;
  readonly metric: string;
  readonly deployed: number;
  readonly candidate: number | null;
  readonly max_drop: number;
  readonly passed: boolean;
}

async function metricsOf(personalize: PersonalizeClient, solutionVersionArn: string) {
  const { metrics } = await personalize.send(new GetSolutionMetricsCommand({ solutionVersionArn }));
  return metrics ?? {};
}

/**
 * Compares each new solution version's offline metrics with those of the version serving now (the
 * one the last publish recorded) and fails the run when any gated metric dropped by more than its
 * tolerance, or is missing on the candidate. With nothing deployed yet (the first run) it passes.
 */
export const gateSolutionMetrics = defineAction({
  name: "gate_solution_metrics",
  input: z.object({
    candidates: z.partialRecord(z.enum(STRATEGIES), personalizeArn),
    max_drop: z
      .record(
        z.string().regex(/^[a-z0-9_]{1,64}$/, "must be a Personalize metric name"),
        z.number({ error: "must be a number" }).min(0, "must be at least 0").max(1, "must be at most 1"),
      )
      .default({ ...DEFAULT_MAX_METRIC_DROP }),
  }),
  async run(input, context) {
    const table = requireSetting(context, ENV.experimentsTable);
    const { Item } = await context.dynamo.send(
      new GetCommand({
        TableName: table,
        Key: { [TABLES.experiments.partitionKey.name]: PLATFORM_CONFIG_KEY },
        ProjectionExpression: "#models",
        ExpressionAttributeNames: { "#models": DEPLOYED_MODELS_ATTRIBUTES.models },
        ConsistentRead: true,
      }),
    );
    const deployed = (Item?.[DEPLOYED_MODELS_ATTRIBUTES.models] ?? {}) as Partial<
      Record<Strategy, DeployedModel>
    >;
    const comparisons: Comparison[] = [];
    const firstDeployments: Strategy[] = [];
    for (const [strategy, candidateArn] of Object.entries(input.candidates) as [Strategy, string][]) {
      const current = deployed[strategy]?.solutionVersionArn;
      if (!current) {
        firstDeployments.push(strategy);
        continue;
      }
      const [deployedMetrics, candidateMetrics] = await Promise.all([
        metricsOf(context.personalize, current),
        metricsOf(context.personalize, candidateArn),
      ]);
      for (const [metric, maxDrop] of Object.entries(input.max_drop)) {
        const before = deployedMetrics[metric];
        if (before === undefined) continue; // the recipe does not report it: nothing to hold the candidate to
        const after = candidateMetrics[metric];
        const passed = after !== undefined && after >= before - maxDrop - 1e-12;
        comparisons.push({
          strategy,
          metric,
          deployed: before,
          candidate: after ?? null,
          max_drop: maxDrop,
          passed,
        });
      }
    }
    const failed = comparisons.filter((comparison) => !comparison.passed);
    if (failed.length > 0) {
      const reasons = failed.map(
        (c) => `${c.strategy} ${c.metric} ${c.candidate ?? "missing"} < ${c.deployed} - ${c.max_drop}`,
      );
      throw new ManagerError(
        METRICS_GATE_FAILED,
        `new models are worse than the deployed ones: ${reasons.join("; ")}`,
      );
    }
    return { passed: true, first_deployments: firstDeployments, comparisons };
  },
});
