export type { StateMachineDefinition } from "./asl";
export { buildTrainingPipeline, PIPELINE_FAILED_STATE, type TrainingPipelineConfig } from "./definition";
export { TRANSIENT_ERRORS } from "./manager-task";
export {
  campaignName,
  eventTrackerName,
  TRAINED_STRATEGIES,
  type TrainedStrategy,
  trainingStateMachineName,
} from "./names";
