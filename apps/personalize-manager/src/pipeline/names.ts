import { createHash } from "node:crypto";
import {
  type DatasetType,
  type FilterName,
  PERSONALIZE_FILTERS,
  type Strategy,
} from "@personalize-ab/domain";

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

/**
 * `States.Format` template of a run's campaign: each run deploys new campaigns beside the serving
 * ones, so nothing an experiment serves changes until publish_config switches to them. Campaign
 * and solution version names live in different namespaces, so the version's tag is reused.
 */
export function campaignNameTemplate(namePrefix: string, strategy: TrainedStrategy): string {
  return perRunTemplate(namePrefix, STRATEGY_TAGS[strategy]);
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

/**
 * A declared filter's name in Personalize: filters cannot be edited, so the name carries a digest
 * of the expression and a changed expression makes a new filter instead of meeting the old one.
 */
export function filterName(namePrefix: string, filter: FilterName): string {
  const digest = createHash("sha256")
    .update(PERSONALIZE_FILTERS[filter].expression)
    .digest("hex")
    .slice(0, 8);
  const name = `${namePrefix}-${filter}-${digest}`;
  if (name.length > PERSONALIZE_NAME_MAX) {
    throw new Error(`filter name "${name}" is longer than ${PERSONALIZE_NAME_MAX} characters`);
  }
  return name;
}
