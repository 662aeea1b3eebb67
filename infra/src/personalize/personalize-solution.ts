import type { Construct } from "constructs";
import { AwsccResource, type AwsccResourceMeta } from "./awscc-resource";

export interface PersonalizeSolutionConfig extends AwsccResourceMeta {
  readonly name: string;
  readonly datasetGroupArn: string;
  readonly recipeArn?: string;
  /** Train on this event type only; all types, equally weighted, when omitted. */
  readonly eventType?: string;
  readonly performAutoMl?: boolean;
  readonly performHpo?: boolean;
  readonly solutionConfig?: {
    readonly algorithmHyperParameters?: Readonly<Record<string, string>>;
    readonly eventValueThreshold?: string;
    readonly featureTransformationParameters?: Readonly<Record<string, string>>;
  };
}

/**
 * `awscc_personalize_solution` (AWS::Personalize::Solution): the training configuration. Versions
 * (the actual training runs) are created by the pipeline, not by Terraform.
 */
export class PersonalizeSolution extends AwsccResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly settings: PersonalizeSolutionConfig,
  ) {
    super(scope, id, "awscc_personalize_solution", settings);
  }

  get solutionArn(): string {
    return this.getStringAttribute("solution_arn");
  }

  protected attributes() {
    const config = this.settings.solutionConfig;
    return {
      name: this.settings.name,
      dataset_group_arn: this.settings.datasetGroupArn,
      recipe_arn: this.settings.recipeArn,
      event_type: this.settings.eventType,
      perform_auto_ml: this.settings.performAutoMl,
      perform_hpo: this.settings.performHpo,
      solution_config: config && {
        algorithm_hyper_parameters: config.algorithmHyperParameters,
        event_value_threshold: config.eventValueThreshold,
        feature_transformation_parameters: config.featureTransformationParameters,
      },
    };
  }
}
