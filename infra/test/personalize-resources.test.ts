import { RECIPES, schemaJson, TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { AwsContext } from "../src/aws-context";
import { TerraformStack, Testing } from "../src/cdktf";
import { ENVIRONMENTS } from "../src/config/environments";
import { PersonalizeResources } from "../src/personalize/personalize-resources";
import { checkStack } from "../src/policy/check-stack";
import { onlyResource, resourcesOfType, type TerraformJson } from "./support/synthesized-platform";

const dev = ENVIRONMENTS.dev;
const BUCKET_ARN = "arn:aws:s3:::personalize-ab-dev-data-123456789012";

function synthPersonalize(): TerraformJson {
  const stack = new TerraformStack(Testing.app(), "personalize");
  new PersonalizeResources(stack, "personalize", {
    namePrefix: dev.namePrefix,
    region: dev.region,
    aws: new AwsContext(stack, "aws", dev.region),
    dataBucketArn: BUCKET_ARN,
  });
  return JSON.parse(Testing.synth(stack));
}

const json = synthPersonalize();
const ref = (type: string, attribute: string, name: string) =>
  `\${${type}.${Object.keys(resourcesOfType(json, type)).find((key) => key.includes(name))}.${attribute}}`;

describe("PersonalizeResources", () => {
  it("pins the awscc provider and configures it for the environment's region", () => {
    expect(json.terraform.required_providers.awscc).toEqual({ source: "hashicorp/awscc", version: "1.72.0" });
    expect(json.provider.awscc).toEqual([{ region: "us-east-1" }]);
  });

  it("creates a Custom dataset group named after the environment", () => {
    const group = onlyResource(json, "awscc_personalize_dataset_group");
    expect(group.name).toBe("personalize-ab-dev");
    expect(group.domain).toBeUndefined();
    expect(group.provider).toBe("awscc");
  });

  it("emits the domain's Avro schemas unchanged, one dataset per schema in the group", () => {
    const schemas = Object.values(resourcesOfType(json, "awscc_personalize_schema"));
    expect(schemas.map((schema) => [schema.name, schema.schema])).toEqual([
      ["personalize-ab-dev-interactions", schemaJson("interactions")],
      ["personalize-ab-dev-items", schemaJson("items")],
      ["personalize-ab-dev-users", schemaJson("users")],
    ]);
    const datasets = Object.values(resourcesOfType(json, "awscc_personalize_dataset"));
    expect(datasets).toEqual([
      expect.objectContaining({
        name: "personalize-ab-dev-interactions",
        dataset_type: "Interactions",
        dataset_group_arn: ref("awscc_personalize_dataset_group", "dataset_group_arn", "dataset-group"),
        schema_arn: ref("awscc_personalize_schema", "schema_arn", "interactions"),
      }),
      expect.objectContaining({
        dataset_type: "Items",
        schema_arn: ref("awscc_personalize_schema", "schema_arn", "items"),
      }),
      expect.objectContaining({
        dataset_type: "Users",
        schema_arn: ref("awscc_personalize_schema", "schema_arn", "users"),
      }),
    ]);
    expect(datasets.every((dataset) => dataset.dataset_import_job === undefined)).toBe(true);
  });

  it("creates the three solutions with their recipes once the datasets exist", () => {
    const solutions = Object.values(resourcesOfType(json, "awscc_personalize_solution"));
    expect(solutions.map((solution) => [solution.name, solution.recipe_arn]).sort()).toEqual([
      ["personalize-ab-dev-popularity", RECIPES["aws-popularity-count"].arn],
      ["personalize-ab-dev-similar-items", RECIPES["aws-sims"].arn],
      ["personalize-ab-dev-user-personalization", RECIPES["aws-user-personalization-v2"].arn],
    ]);
    for (const solution of solutions) {
      expect(solution.depends_on).toHaveLength(3);
      expect(solution.depends_on.every((dep: string) => dep.startsWith("awscc_personalize_dataset."))).toBe(
        true,
      );
    }
  });

  it("gives Personalize a role that reads only the training prefix, assumable by this account's Personalize", () => {
    const role = onlyResource(json, "aws_iam_role");
    expect(role.name).toBe("personalize-ab-dev-personalize");
    const trust = JSON.parse(role.assume_role_policy);
    expect(trust.Statement).toEqual([
      {
        Effect: "Allow",
        Principal: { Service: "personalize.amazonaws.com" },
        Action: "sts:AssumeRole",
        Condition: { StringEquals: { "aws:SourceAccount": expect.stringContaining("aws_caller_identity") } },
      },
    ]);
    const policy = JSON.parse(onlyResource(json, "aws_iam_role_policy").policy);
    expect(policy.Statement).toEqual([
      {
        Sid: "ReadTrainingData",
        Effect: "Allow",
        Action: ["s3:GetObject"],
        Resource: [`${BUCKET_ARN}/${TRAINING_DATA_PREFIX}*`],
      },
      {
        Sid: "ListTrainingData",
        Effect: "Allow",
        Action: ["s3:ListBucket"],
        Resource: [BUCKET_ARN],
        Condition: { StringLike: { "s3:prefix": [`${TRAINING_DATA_PREFIX}*`] } },
      },
    ]);
  });

  it("breaks none of the platform's policy rules", () => {
    expect(checkStack(json)).toEqual([]);
  });
});
