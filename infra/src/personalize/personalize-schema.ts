import type { Construct } from "constructs";
import { AwsccResource, type AwsccResourceMeta } from "./awscc-resource";

export interface PersonalizeSchemaConfig extends AwsccResourceMeta {
  readonly name: string;
  /** The Avro schema as a JSON string. */
  readonly schema: string;
  readonly domain?: "ECOMMERCE" | "VIDEO_ON_DEMAND";
}

/** `awscc_personalize_schema` (AWS::Personalize::Schema). */
export class PersonalizeSchema extends AwsccResource {
  constructor(
    scope: Construct,
    id: string,
    private readonly settings: PersonalizeSchemaConfig,
  ) {
    super(scope, id, "awscc_personalize_schema", settings);
  }

  get schemaArn(): string {
    return this.getStringAttribute("schema_arn");
  }

  protected attributes() {
    return { name: this.settings.name, schema: this.settings.schema, domain: this.settings.domain };
  }
}
