import type { Construct } from "constructs";
import { AwsccResource, type AwsccResourceMeta } from "./awscc-resource";

export interface PersonalizeDatasetGroupConfig extends AwsccResourceMeta {
  readonly name: string;
  /** Omitted for a Custom dataset group (custom schemas and recipes). */
  readonly domain?: "ECOMMERCE" | "VIDEO_ON_DEMAND";
  readonly kmsKeyArn?: string;
  /** Only with `kmsKeyArn`: the role Personalize uses to reach the key. */
  readonly roleArn?: string;
}

/** `awscc_personalize_dataset_group` (AWS::Personalize::DatasetGroup). */
export class PersonalizeDatasetGroup extends AwsccResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly settings: PersonalizeDatasetGroupConfig,
  ) {
    super(scope, id, "awscc_personalize_dataset_group", settings);
  }

  get datasetGroupArn(): string {
    return this.getStringAttribute("dataset_group_arn");
  }

  protected attributes() {
    return {
      name: this.settings.name,
      domain: this.settings.domain,
      kms_key_arn: this.settings.kmsKeyArn,
      role_arn: this.settings.roleArn,
    };
  }
}
