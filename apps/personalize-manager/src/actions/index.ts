import type { Action } from "../action";
import { checkStatus } from "./check-status";
import { createCampaign } from "./create-campaign";
import { createDatasetGroup } from "./create-dataset-group";
import { createEventTracker } from "./create-event-tracker";
import { createFilter } from "./create-filter";
import { createOrUpdateCampaign } from "./create-or-update-campaign";
import { createSolution } from "./create-solution";
import { createSolutionVersion } from "./create-solution-version";
import { exportInteractions } from "./export-interactions";
import { gateSolutionMetrics } from "./gate-solution-metrics";
import { getSolutionMetrics } from "./get-solution-metrics";
import { importData } from "./import-data";
import { publishConfig } from "./publish-config";

/** Every action the manager answers, by the name a payload's `action` field carries. */
export const ACTIONS: ReadonlyMap<string, Action> = new Map(
  [
    createDatasetGroup,
    importData,
    createSolution,
    createCampaign,
    checkStatus,
    exportInteractions,
    createSolutionVersion,
    getSolutionMetrics,
    gateSolutionMetrics,
    createOrUpdateCampaign,
    createEventTracker,
    createFilter,
    publishConfig,
  ].map((action) => [action.name, action as Action]),
);

export const ACTION_NAMES = [...ACTIONS.keys()];
