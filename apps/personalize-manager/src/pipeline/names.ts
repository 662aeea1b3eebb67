import type { DatasetType, Strategy } from "@personalize-ab/domain";

/** The strategies the pipeline trains, in the order of its branches. */
export const TRAINED_STRATEGIES = [
  "user-personalization",
  "similar-items",
  "popularity",
] as const satisfies readonly Strategy[];
export type TrainedStrategy = (typeof TRAINED_STRATEGIES)[number];

/** Short tags that keep per-run Personalize names within their 63 characters. */
const DATASET_TAGS: Record<DatasetType, string> = { interactions: "ix", items: "items", users: "users" };
const STRATEGY_TAGS: Record<TrainedStrategy, string> = {
  "user-personalization": "up",
  "similar-items": "sims",
  popularity: "pop",
};

const PERSONALIZE_NAME_MAX = 63;
/** Execution names the pipeline is started with: EventBridge's UUIDs (36) and the CLI's (`train-…`). */
export const MAX_EXECUTION_NAME = 36;

export function trainingStateMachineName(namePrefix: string): string {
  return `${namePrefix}-training`;
}

/** Campaign names are stable, so an update keeps the ARN the serving functions are allowed to call. */
export function campaignName(namePrefix: string, strategy: TrainedStrategy): string {
  return `${namePrefix}-${strategy}`;
}

export function eventTrackerName(namePrefix: string): string {
  return `${namePrefix}-events`;
}

/** `States.Format` template of a per-run name: one import job or solution version per execution. */
function perRunTemplate(namePrefix: string, tag: string): string {
  const longest = namePrefix.length + tag.length + 2 + MAX_EXECUTION_NAME;
  if (longest > PERSONALIZE_NAME_MAX) {
    throw new Error(
      `name prefix "${namePrefix}" is too long for per-run Personalize names (${longest} > ${PERSONALIZE_NAME_MAX})`,
    );
  }
  return `${namePrefix}-${tag}-{}`;
}

export function importJobNameTemplate(namePrefix: string, dataset: DatasetType): string {
  return perRunTemplate(namePrefix, DATASET_TAGS[dataset]);
}

export function solutionVersionNameTemplate(namePrefix: string, strategy: TrainedStrategy): string {
  return perRunTemplate(namePrefix, STRATEGY_TAGS[strategy]);
}
