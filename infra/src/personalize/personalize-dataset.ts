import type { Construct } from "constructs";
import { AwsccResource, type AwsccResourceMeta } from "./awscc-resource";

export interface PersonalizeDatasetConfig extends AwsccResourceMeta {
  readonly name: string;
  readonly datasetGroupArn: string;
  readonly datasetType: "Interactions" | "Items" | "Users";
  readonly schemaArn: string;
}

/**
 * `awscc_personalize_dataset` (AWS::Personalize::Dataset). Its optional `dataset_import_job` is
 * left out on purpose: imports belong to the training pipeline, never to a Terraform apply.
 */
export class PersonalizeDataset extends AwsccResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly settings: PersonalizeDatasetConfig,
  ) {
    super(scope, id, "awscc_personalize_dataset", settings);
  }

  get datasetArn(): string {
    return this.getStringAttribute("dataset_arn");
  }

  protected attributes() {
    return {
      name: this.settings.name,
      dataset_group_arn: this.settings.datasetGroupArn,
      dataset_type: this.settings.datasetType,
      schema_arn: this.settings.schemaArn,
    };
  }
}
