import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { historyItem } from "@personalize-ab/adapters";
import {
  DEFAULT_TEST_NAME,
  DEPLOYED_MODELS_ATTRIBUTES,
  type DeployedModel,
  ENV,
  EXPERIMENT_ATTRIBUTES,
  FILTER_NAMES,
  PLATFORM_CONFIG_ATTRIBUTES,
  PLATFORM_CONFIG_KEY,
  RECIPES,
  type RecipeName,
  type Strategy,
  TABLES,
  testNameField,
  type Variant,
} from "@personalize-ab/domain";
import { z } from "zod";
import { defineAction } from "../action";
import type { ManagerContext } from "../context";
import { requireSetting } from "../context";
import { personalizeArn } from "../fields";

const STRATEGIES = [...new Set(Object.values(RECIPES).map((recipe) => recipe.strategy))] as [
  Strategy,
  ...Strategy[],
];
const TEST_NAME = TABLES.experiments.partitionKey.name;
// A concurrent edit of a variant list or of the platform record cancels the transaction; re-reading settles it.
const MAX_ATTEMPTS = 3;
// TransactWriteItems takes at most 100 items: each experiment and its history entry, plus the
// platform config record.
const MAX_EXPERIMENTS = 49;
/** Who the history says published the campaigns. */
export const PIPELINE_CALLER = "training-pipeline";

interface StoredVariant {
  readonly id?: unknown;
  readonly recipe?: unknown;
  readonly campaignArn?: unknown;
  readonly modelVersion?: unknown;
}

type Campaigns = Partial<Record<Strategy, string>>;
type Outcome = { test_name: string; outcome: "updated" | "unchanged" | "missing"; variants: string[] };
type Change = { index: number; id: unknown; arn: string; version: string | undefined };
type TransactItem = NonNullable<
  ConstructorParameters<typeof TransactWriteCommand>[0]["TransactItems"]
>[number];

function strategyOf(variant: StoredVariant): Strategy | undefined {
  return RECIPES[variant.recipe as RecipeName]?.strategy;
}

async function readItem(context: ManagerContext, table: string, key: string, projection: string[]) {
  const names = Object.fromEntries(projection.map((name, index) => [`#p${index}`, name]));
  const { Item } = await context.dynamo.send(
    new GetCommand({
      TableName: table,
      Key: { [TEST_NAME]: key },
      ProjectionExpression: Object.keys(names).join(", "),
      ExpressionAttributeNames: names,
      ConsistentRead: true,
    }),
  );
  return Item;
}

/** The variants whose campaign or model version differs from what is published now. */
function changesOf(variants: StoredVariant[], campaigns: Campaigns, versions: Campaigns): Change[] {
  return variants.flatMap((variant, index) => {
    const strategy = strategyOf(variant);
    const arn = strategy && campaigns[strategy];
    if (!arn) return [];
    const version = versions[strategy];
    if (arn === variant.campaignArn && version === variant.modelVersion) return [];
    return [{ index, id: variant.id, arn, version }];
  });
}

/**
 * Every variant's campaign (and model version) is set, each condition on the variant id still
 * sitting at that index, so an edit made meanwhile is never overwritten. A variant given a campaign
 * without a version loses its stale version rather than keep one that no longer describes it.
 */
function experimentUpdate(
  table: string,
  testName: string,
  changes: Change[],
  readVersion: number,
): TransactItem {
  const sets = changes.flatMap(({ index, version }) => [
    `#v[${index}].#c = :arn${index}`,
    ...(version ? [`#v[${index}].#m = :ver${index}`] : []),
  ]);
  const removes = changes.filter(({ version }) => !version).map(({ index }) => `#v[${index}].#m`);
  return {
    Update: {
      TableName: table,
      Key: { [TEST_NAME]: testName },
      // The record's version moves too, conditional on the one read: an admin write made from an
      // older read is then refused (version_conflict) instead of putting the old campaigns back.
      UpdateExpression: `SET ${[...sets, "#ver = :nextVersion"].join(", ")}${removes.length > 0 ? ` REMOVE ${removes.join(", ")}` : ""}`,
      ConditionExpression: [
        ...changes.map(({ index }) => `#v[${index}].#id = :id${index}`),
        readVersion === 0 ? "(attribute_not_exists(#ver) OR #ver = :readVersion)" : "#ver = :readVersion",
      ].join(" AND "),
      ExpressionAttributeNames: {
        "#ver": EXPERIMENT_ATTRIBUTES.version,
        "#v": EXPERIMENT_ATTRIBUTES.variants,
        "#c": "campaignArn",
        "#m": "modelVersion",
        "#id": "id",
      },
      ExpressionAttributeValues: {
        ":readVersion": readVersion,
        ":nextVersion": readVersion + 1,
        ...Object.fromEntries(
          changes.flatMap(({ index, id, arn, version }) => [
            [`:arn${index}`, arn],
            [`:id${index}`, id],
            ...(version ? [[`:ver${index}`, version]] : []),
          ]),
        ),
      },
    },
  };
}

/** The variants after the changes, as the history entry's `to`. */
function changedVariants(variants: StoredVariant[], changes: Change[]): StoredVariant[] {
  return variants.map((variant, index) => {
    const change = changes.find((candidate) => candidate.index === index);
    if (!change) return variant;
    const { modelVersion: _stale, ...rest } = variant;
    return { ...rest, campaignArn: change.arn, ...(change.version && { modelVersion: change.version }) };
  });
}

/** The history entry of a publish, in the same transaction as the record's update (never overwritten). */
function historyPut(
  table: string,
  testName: string,
  version: number,
  atMs: number,
  from: StoredVariant[],
  to: StoredVariant[],
): TransactItem {
  return {
    Put: {
      TableName: table,
      Item: historyItem({
        test_name: testName,
        version,
        at: atMs,
        caller: PIPELINE_CALLER,
        action: "update",
        changes: { variants: { from: from as Variant[], to: to as Variant[] } },
      }),
      ConditionExpression: "attribute_not_exists(#version)",
      ExpressionAttributeNames: { "#version": TABLES.experimentHistory.sortKey.name },
    },
  };
}

/** Tracking id, deployed models, filters and the time, conditional on the revision read: nothing else in the record moves. */
function platformUpdate(
  table: string,
  now: string,
  read: { revision: number | undefined; models: Record<string, DeployedModel> },
  changes: {
    trackingId?: string | undefined;
    models?: Record<string, DeployedModel> | undefined;
    filterArns?: Readonly<Record<string, string>> | undefined;
  },
): TransactItem {
  const names: Record<string, string> = {
    "#u": PLATFORM_CONFIG_ATTRIBUTES.updatedAt,
    "#rev": DEPLOYED_MODELS_ATTRIBUTES.revision,
  };
  const values: Record<string, unknown> = { ":u": now, ":next": (read.revision ?? 0) + 1 };
  const sets = ["#u = :u", "#rev = :next"];
  if (changes.trackingId) {
    names["#t"] = PLATFORM_CONFIG_ATTRIBUTES.trackingId;
    values[":t"] = changes.trackingId;
    sets.push("#t = :t");
  }
  if (changes.models) {
    names["#models"] = DEPLOYED_MODELS_ATTRIBUTES.models;
    values[":models"] = changes.models;
    sets.push("#models = :models");
  }
  if (changes.filterArns) {
    names["#f"] = PLATFORM_CONFIG_ATTRIBUTES.filterArns;
    values[":f"] = changes.filterArns;
    sets.push("#f = :f");
  }
  if (read.revision !== undefined) values[":rev"] = read.revision;
  return {
    Update: {
      TableName: table,
      Key: { [TEST_NAME]: PLATFORM_CONFIG_KEY },
      UpdateExpression: `SET ${sets.join(", ")}`,
      ConditionExpression: read.revision === undefined ? "attribute_not_exists(#rev)" : "#rev = :rev",
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    },
  };
}

function isConflict(error: unknown): boolean {
  const name = (error as Error).name;
  return name === "TransactionCanceledException" || name === "TransactionConflictException";
}

export const publishConfig = defineAction({
  name: "publish_config",
  input: z
    .object({
      test_names: z
        .array(testNameField)
        .min(1, "needs at least one test name")
        .max(MAX_EXPERIMENTS, `at most ${MAX_EXPERIMENTS} test names`)
        .default([DEFAULT_TEST_NAME]),
      campaigns: z.partialRecord(z.enum(STRATEGIES), personalizeArn),
      /** The solution version each campaign serves: recorded on the variants and on each exposure. */
      model_versions: z.partialRecord(z.enum(STRATEGIES), personalizeArn).default({}),
      tracking_id: z.string({ error: "must be a string" }).min(1, "must not be empty").max(256).optional(),
      /** The ARN of each declared filter the run created: the filters requests may name. */
      filter_arns: z.partialRecord(z.enum(FILTER_NAMES), personalizeArn).optional(),
    })
    .superRefine((input, ctx) => {
      for (const strategy of Object.keys(input.model_versions) as Strategy[]) {
        if (!input.campaigns[strategy]) {
          ctx.addIssue({ code: "custom", path: ["model_versions", strategy], message: "has no campaign" });
        }
      }
    }),
  /**
   * Switches every variant of every named experiment, and the platform record, in one
   * TransactWriteItems: serving sees either the old campaigns everywhere or the new ones
   * everywhere, never a mix.
   */
  async run(input, context) {
    const table = requireSetting(context, ENV.experimentsTable);
    const historyTable = requireSetting(context, ENV.experimentHistoryTable);
    for (let attempt = 1; ; attempt++) {
      const experiments: Outcome[] = [];
      const items: TransactItem[] = [];
      for (const testName of input.test_names) {
        const item = await readItem(context, table, testName, [
          EXPERIMENT_ATTRIBUTES.variants,
          EXPERIMENT_ATTRIBUTES.version,
        ]);
        if (!item) {
          experiments.push({ test_name: testName, outcome: "missing", variants: [] });
          continue;
        }
        const variants = (item[EXPERIMENT_ATTRIBUTES.variants] ?? []) as StoredVariant[];
        const changes = changesOf(variants, input.campaigns, input.model_versions);
        experiments.push({
          test_name: testName,
          outcome: changes.length > 0 ? "updated" : "unchanged",
          variants: changes.map(({ id }) => String(id)),
        });
        if (changes.length > 0) {
          const readVersion = Number(item[EXPERIMENT_ATTRIBUTES.version] ?? 0);
          items.push(
            experimentUpdate(table, testName, changes, readVersion),
            historyPut(
              historyTable,
              testName,
              readVersion + 1,
              context.now().getTime(),
              variants,
              changedVariants(variants, changes),
            ),
          );
        }
      }

      const platform = await readItem(context, table, PLATFORM_CONFIG_KEY, [
        DEPLOYED_MODELS_ATTRIBUTES.models,
        DEPLOYED_MODELS_ATTRIBUTES.revision,
      ]);
      const read = {
        revision: platform?.[DEPLOYED_MODELS_ATTRIBUTES.revision] as number | undefined,
        models: (platform?.[DEPLOYED_MODELS_ATTRIBUTES.models] ?? {}) as Record<string, DeployedModel>,
      };
      const published = Object.fromEntries(
        Object.entries(input.model_versions).map(([strategy, solutionVersionArn]) => [
          strategy,
          { campaignArn: input.campaigns[strategy as Strategy]!, solutionVersionArn: solutionVersionArn! },
        ]),
      );
      const models = { ...read.models, ...published };
      const modelsChanged = Object.entries(published).some(
        ([strategy, model]) =>
          read.models[strategy]?.campaignArn !== model.campaignArn ||
          read.models[strategy]?.solutionVersionArn !== model.solutionVersionArn,
      );
      if (input.tracking_id || modelsChanged || input.filter_arns) {
        items.push(
          platformUpdate(table, context.now().toISOString(), read, {
            trackingId: input.tracking_id,
            models: modelsChanged ? models : undefined,
            filterArns: input.filter_arns,
          }),
        );
      }
      if (items.length === 0) {
        return {
          experiments,
          tracking_id_published: false,
          models_published: false,
          filters_published: false,
        };
      }
      try {
        await context.dynamo.send(new TransactWriteCommand({ TransactItems: items }));
        return {
          experiments,
          tracking_id_published: Boolean(input.tracking_id),
          models_published: modelsChanged,
          filters_published: Boolean(input.filter_arns),
        };
      } catch (error) {
        if (!isConflict(error) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  },
});
