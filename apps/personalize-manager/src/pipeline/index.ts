export type { StateMachineDefinition } from "./asl";
export {
  buildTrainingPipeline,
  METRICS_GATE_STATE,
  PIPELINE_FAILED_STATE,
  type TrainingPipelineConfig,
} from "./definition";
export { TRANSIENT_ERRORS } from "./manager-task";
export {
  campaignNameTemplate,
  eventTrackerName,
  filterName,
  TRAINED_STRATEGIES,
  type TrainedStrategy,
  trainingStateMachineName,
} from "./names";
