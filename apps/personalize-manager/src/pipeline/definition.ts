import {
  DATASET_CSV_FILES,
  DATASET_TYPES,
  type DatasetType,
  DEFAULT_TEST_NAME,
  FILTER_NAMES,
  type FilterName,
  PERSONALIZE_FILTERS,
  TRAINING_DATA_PREFIX,
} from "@personalize-ab/domain";
import type { CatchRule, State, StateMachineDefinition } from "./asl";
import { createAndAwait } from "./create-and-await";
import { managerTask } from "./manager-task";
import {
  campaignNameTemplate,
  eventTrackerName,
  filterName,
  importJobNameTemplate,
  solutionVersionNameTemplate,
  TRAINED_STRATEGIES,
  type TrainedStrategy,
} from "./names";
import { pollUntilDone } from "./poll-until-done";

export interface TrainingPipelineConfig {
  /** ARN of the personalize-manager function every task invokes. */
  readonly managerFunctionArn: string;
  /** The environment's name prefix; campaign, tracker, job and version names start with it. */
  readonly namePrefix: string;
  readonly datasetGroupArn: string;
  readonly datasetArns: Readonly<Record<DatasetType, string>>;
  readonly solutionArns: Readonly<Record<TrainedStrategy, string>>;
  /** The role Personalize assumes to read the training data. */
  readonly personalizeRoleArn: string;
  readonly dataBucket: string;
  /** Experiments whose variants get the new campaign ARNs. */
  readonly testNames?: readonly string[];
  readonly minProvisionedTps?: number;
  readonly exportSegments?: number;
  readonly pollSeconds?: Partial<
    Record<"import" | "training" | "campaign" | "eventTracker" | "filter", number>
  >;
  /** The whole run gives up after this long; training the three solutions takes hours. */
  readonly timeoutHours?: number;
  /**
   * The metrics gate: how much (absolute) each offline metric of a new solution version may drop
   * against the deployed one before the run fails; the manager's defaults when omitted.
   */
  readonly maxMetricDrop?: Readonly<Record<string, number>>;
  /** The interactions export reads the events of this many days back; the manager's default when omitted. */
  readonly exportWindowDays?: number;
}

const DEFAULT_POLL_SECONDS = { import: 60, training: 300, campaign: 60, eventTracker: 30, filter: 30 };
export const PIPELINE_FAILED_STATE = "Keep serving current campaigns";
export const METRICS_GATE_STATE = "Compare new models with deployed ones";
const RUN_NAME = "$$.Execution.Name";

/** Anything that goes wrong before publishing ends here, with the original error and cause. */
const CATCH_ALL: readonly CatchRule[] = [
  { ErrorEquals: ["States.ALL"], ResultPath: "$.failure", Next: PIPELINE_FAILED_STATE },
];

function branch(startAt: string, states: Record<string, State>): StateMachineDefinition {
  return { StartAt: startAt, States: states };
}

function importBranch(config: TrainingPipelineConfig, dataset: DatasetType, seconds: number) {
  const subject = `${dataset} import`;
  const done = `${dataset} imported`;
  const source =
    dataset === "interactions"
      ? { "s3_data_source.$": "$.export.body.s3_data_source" }
      : { s3_data_source: `s3://${config.dataBucket}/${TRAINING_DATA_PREFIX}${DATASET_CSV_FILES[dataset]}` };
  const poll = pollUntilDone({
    functionArn: config.managerFunctionArn,
    subject,
    resourceType: "dataset_import_job",
    arnPath: "$.job.body.dataset_import_job_arn",
    waitSeconds: seconds,
    failedError: "DatasetImportFailed",
    next: done,
  });
  const start = `Import ${dataset}`;
  return branch(start, {
    [start]: managerTask({
      functionArn: config.managerFunctionArn,
      action: "import_data",
      payload: {
        dataset_arn: config.datasetArns[dataset],
        "job_name.$": `States.Format('${importJobNameTemplate(config.namePrefix, dataset)}', ${RUN_NAME})`,
        ...source,
        role_arn: config.personalizeRoleArn,
        import_mode: "FULL",
      },
      resultPath: "$.job",
      next: poll.start,
    }),
    ...poll.states,
    [done]: { Type: "Succeed" },
  });
}

function trainingBranch(config: TrainingPipelineConfig, strategy: TrainedStrategy, seconds: number) {
  const start = `Train ${strategy}`;
  const trained = `${strategy} trained`;
  const poll = pollUntilDone({
    functionArn: config.managerFunctionArn,
    subject: `${strategy} training`,
    resourceType: "solution_version",
    arnPath: "$.version.body.solution_version_arn",
    waitSeconds: seconds,
    failedError: "SolutionVersionFailed",
    next: trained,
  });
  return branch(start, {
    [start]: managerTask({
      functionArn: config.managerFunctionArn,
      action: "create_solution_version",
      payload: {
        solution_arn: config.solutionArns[strategy],
        "solution_version_name.$": `States.Format('${solutionVersionNameTemplate(config.namePrefix, strategy)}', ${RUN_NAME})`,
        training_mode: "FULL",
      },
      resultPath: "$.version",
      next: poll.start,
    }),
    ...poll.states,
    [trained]: {
      Type: "Pass",
      Parameters: { strategy, "solution_version_arn.$": "$.version.body.solution_version_arn" },
      End: true,
    },
  });
}

function eventTrackerBranch(config: TrainingPipelineConfig, seconds: number) {
  return createAndAwait({
    functionArn: config.managerFunctionArn,
    start: "Create event tracker",
    done: "Event tracker ready",
    subject: "event tracker",
    action: "create_event_tracker",
    payload: {
      event_tracker_name: eventTrackerName(config.namePrefix),
      dataset_group_arn: config.datasetGroupArn,
    },
    resultPath: "$.tracker",
    arnField: "event_tracker_arn",
    resourceType: "event_tracker",
    waitSeconds: seconds,
    failedError: "EventTrackerFailed",
    output: { "tracking_id.$": "$.tracker.body.tracking_id" },
  });
}

/**
 * A declared filter, created once per expression (its name carries the expression's digest) after
 * the datasets it reads were imported, and waited for until ACTIVE.
 */
function filterBranch(config: TrainingPipelineConfig, filter: FilterName, seconds: number) {
  return createAndAwait({
    functionArn: config.managerFunctionArn,
    start: `Create ${filter} filter`,
    done: `${filter} filter active`,
    subject: `${filter} filter`,
    action: "create_filter",
    payload: {
      filter_name: filterName(config.namePrefix, filter),
      dataset_group_arn: config.datasetGroupArn,
      filter_expression: PERSONALIZE_FILTERS[filter].expression,
    },
    resultPath: "$.filter",
    arnField: "filter_arn",
    resourceType: "filter",
    waitSeconds: seconds,
    failedError: "FilterFailed",
    output: { "filter_arn.$": "$.filter.body.filter_arn" },
  });
}

/**
 * A new campaign for this run's solution version, beside the one serving now: until publish_config
 * switches the variants to it, no experiment sees it, and a deployment that fails is never served.
 */
function campaignBranch(
  config: TrainingPipelineConfig,
  strategy: TrainedStrategy,
  index: number,
  seconds: number,
) {
  const start = `Deploy ${strategy} campaign`;
  const active = `${strategy} campaign active`;
  const poll = pollUntilDone({
    functionArn: config.managerFunctionArn,
    subject: `${strategy} campaign`,
    resourceType: "campaign",
    arnPath: "$.campaign.body.campaign_arn",
    waitSeconds: seconds,
    failedError: "CampaignDeployFailed",
    next: active,
  });
  return branch(start, {
    [start]: managerTask({
      functionArn: config.managerFunctionArn,
      action: "create_campaign",
      payload: {
        "campaign_name.$": `States.Format('${campaignNameTemplate(config.namePrefix, strategy)}', ${RUN_NAME})`,
        "solution_version_arn.$": `$.trained[${index}].solution_version_arn`,
        min_provisioned_tps: config.minProvisionedTps ?? 1,
      },
      resultPath: "$.campaign",
      next: poll.start,
    }),
    ...poll.states,
    [active]: {
      Type: "Pass",
      Parameters: {
        "campaign_arn.$": "$.campaign.body.campaign_arn",
        "solution_version_arn.$": `$.trained[${index}].solution_version_arn`,
      },
      End: true,
    },
  });
}

/**
 * The weekly training run as a state machine: export interactions -> import the three datasets ->
 * train the three solutions (and make sure the event tracker and the declared filters exist) -> gate the new versions on
 * their offline metrics against the deployed ones -> deploy a new campaign per strategy -> publish
 * every variant's campaign and model version in one transaction. Until that last step nothing an
 * experiment serves has changed, so any failure before it ends the run with serving untouched.
 */
export function buildTrainingPipeline(config: TrainingPipelineConfig): StateMachineDefinition {
  const poll = { ...DEFAULT_POLL_SECONDS, ...config.pollSeconds };
  const fn = config.managerFunctionArn;
  const trackerIndex = TRAINED_STRATEGIES.length;
  const firstFilterIndex = trackerIndex + 1;
  return {
    Comment:
      "Weekly Personalize training: export, import, train, gate on metrics, deploy new campaigns, publish all at once",
    StartAt: "Export interactions",
    TimeoutSeconds: (config.timeoutHours ?? 48) * 3600,
    States: {
      "Export interactions": {
        ...managerTask({
          functionArn: fn,
          action: "export_interactions",
          payload: {
            "run_id.$": RUN_NAME,
            segments: config.exportSegments ?? 4,
            ...(config.exportWindowDays !== undefined && { window_days: config.exportWindowDays }),
          },
          resultPath: "$.export",
          next: "Import datasets",
        }),
        Catch: CATCH_ALL,
      },
      "Import datasets": {
        Type: "Parallel",
        Branches: DATASET_TYPES.map((dataset) => importBranch(config, dataset, poll.import)),
        ResultPath: null,
        Catch: CATCH_ALL,
        Next: "Train models",
      },
      "Train models": {
        Type: "Parallel",
        Branches: [
          ...TRAINED_STRATEGIES.map((strategy) => trainingBranch(config, strategy, poll.training)),
          eventTrackerBranch(config, poll.eventTracker),
          ...FILTER_NAMES.map((filter) => filterBranch(config, filter, poll.filter)),
        ],
        ResultPath: "$.trained",
        Catch: CATCH_ALL,
        Next: METRICS_GATE_STATE,
      },
      [METRICS_GATE_STATE]: {
        ...managerTask({
          functionArn: fn,
          action: "gate_solution_metrics",
          payload: {
            candidates: Object.fromEntries(
              TRAINED_STRATEGIES.map((strategy, index) => [
                `${strategy}.$`,
                `$.trained[${index}].solution_version_arn`,
              ]),
            ),
            ...(config.maxMetricDrop && { max_drop: config.maxMetricDrop }),
          },
          resultPath: "$.gate",
          next: "Deploy campaigns",
        }),
        Catch: CATCH_ALL,
      },
      "Deploy campaigns": {
        Type: "Parallel",
        Branches: TRAINED_STRATEGIES.map((strategy, index) =>
          campaignBranch(config, strategy, index, poll.campaign),
        ),
        ResultPath: "$.deployed",
        Catch: CATCH_ALL,
        Next: "Publish config",
      },
      "Publish config": {
        ...managerTask({
          functionArn: fn,
          action: "publish_config",
          payload: {
            test_names: config.testNames ?? [DEFAULT_TEST_NAME],
            campaigns: Object.fromEntries(
              TRAINED_STRATEGIES.map((strategy, index) => [
                `${strategy}.$`,
                `$.deployed[${index}].campaign_arn`,
              ]),
            ),
            model_versions: Object.fromEntries(
              TRAINED_STRATEGIES.map((strategy, index) => [
                `${strategy}.$`,
                `$.deployed[${index}].solution_version_arn`,
              ]),
            ),
            "tracking_id.$": `$.trained[${trackerIndex}].tracking_id`,
            filter_arns: Object.fromEntries(
              FILTER_NAMES.map((filter, index) => [
                `${filter}.$`,
                `$.trained[${firstFilterIndex + index}].filter_arn`,
              ]),
            ),
          },
          resultPath: "$.published",
          next: "Training done",
        }),
        Catch: CATCH_ALL,
      },
      "Training done": { Type: "Succeed" },
      [PIPELINE_FAILED_STATE]: {
        Type: "Fail",
        Comment:
          "Nothing was published (the publish is one transaction), so serving keeps the campaigns it had",
        ErrorPath: "$.failure.Error",
        CausePath: "$.failure.Cause",
      },
    },
  };
}
