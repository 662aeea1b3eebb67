import type { Construct } from "constructs";
import { TerraformProvider } from "../cdktf";

/**
 * The `hashicorp/awscc` provider, pinned: the AWS provider has no Personalize resources, awscc has
 * them through Cloud Control. No prebuilt CDKTF bindings exist, so these few are written by hand.
 */
export const AWSCC_PROVIDER_VERSION = "1.72.0";

export const AWSCC_GENERATOR_METADATA = {
  providerName: "awscc",
  providerVersion: AWSCC_PROVIDER_VERSION,
  providerVersionConstraint: AWSCC_PROVIDER_VERSION,
};

export interface AwsccProviderConfig {
  readonly region: string;
}

export class AwsccProvider extends TerraformProvider {
  constructor(
    scope: Construct,
    id: string,
    private readonly settings: AwsccProviderConfig,
  ) {
    super(scope, id, {
      terraformResourceType: "awscc",
      terraformGeneratorMetadata: AWSCC_GENERATOR_METADATA,
      terraformProviderSource: "hashicorp/awscc",
    });
  }

  protected override synthesizeAttributes(): Record<string, unknown> {
    return { region: this.settings.region };
  }
}
