import type { Construct } from "constructs";
import { type ITerraformDependable, TerraformResource } from "../cdktf";
import { AWSCC_GENERATOR_METADATA, type AwsccProvider } from "./awscc-provider";

/** What every hand-written awscc resource accepts besides its own attributes. */
export interface AwsccResourceMeta {
  readonly provider: AwsccProvider;
  readonly dependsOn?: ITerraformDependable[];
}

/**
 * Base of the awscc bindings: each subclass lists its attributes under the provider's documented
 * snake_case names; undefined optional attributes are left out of the synthesized JSON.
 */
export abstract class AwsccResource extends TerraformResource {
  constructor(scope: Construct, id: string, resourceType: string, meta: AwsccResourceMeta) {
    super(scope, id, {
      terraformResourceType: resourceType,
      terraformGeneratorMetadata: AWSCC_GENERATOR_METADATA,
      provider: meta.provider,
      dependsOn: meta.dependsOn,
    });
  }

  protected abstract attributes(): Record<string, unknown>;

  protected override synthesizeAttributes(): Record<string, unknown> {
    return Object.fromEntries(Object.entries(this.attributes()).filter(([, value]) => value !== undefined));
  }
}
