import { DATASET_TYPES, type DatasetType, schemaJson } from "@personalize-ab/domain";
import { TRAINED_STRATEGIES, type TrainedStrategy } from "@personalize-ab/personalize-manager/pipeline";
import { Construct } from "constructs";
import type { AwsContext } from "../aws-context";
import { AwsccProvider } from "./awscc-provider";
import { PersonalizeDataset } from "./personalize-dataset";
import { PersonalizeDatasetGroup } from "./personalize-dataset-group";
import { PersonalizeSchema } from "./personalize-schema";
import { PersonalizeServiceRole } from "./personalize-service-role";
import { PersonalizeSolution } from "./personalize-solution";
import { recipeArn } from "./solution-recipes";

export interface PersonalizeResourcesProps {
  readonly namePrefix: string;
  readonly region: string;
  readonly aws: AwsContext;
  readonly dataBucketArn: string;
}

const DATASET_TYPE_NAMES = {
  interactions: "Interactions",
  items: "Items",
  users: "Users",
} as const satisfies Record<DatasetType, string>;

/**
 * The declarative half of Personalize: a Custom dataset group, the three schemas (the domain's Avro
 * schemas, declared once) and datasets, the three solutions and the role Personalize reads S3 with.
 * Imports, training, campaigns and the event tracker are the training pipeline's.
 */
export class PersonalizeResources extends Construct {
  readonly datasetGroup: PersonalizeDatasetGroup;
  readonly datasets: Readonly<Record<DatasetType, PersonalizeDataset>>;
  readonly solutions: Readonly<Record<TrainedStrategy, PersonalizeSolution>>;
  readonly serviceRole: PersonalizeServiceRole;

  constructor(scope: Construct, id: string, props: PersonalizeResourcesProps) {
    super(scope, id);
    const provider = new AwsccProvider(this, "awscc", { region: props.region });
    this.datasetGroup = new PersonalizeDatasetGroup(this, "dataset-group", {
      provider,
      name: props.namePrefix,
    });
    const datasetGroupArn = this.datasetGroup.datasetGroupArn;

    const datasets = {} as Record<DatasetType, PersonalizeDataset>;
    for (const type of DATASET_TYPES) {
      const schema = new PersonalizeSchema(this, `${type}-schema`, {
        provider,
        name: `${props.namePrefix}-${type}`,
        schema: schemaJson(type),
      });
      datasets[type] = new PersonalizeDataset(this, `${type}-dataset`, {
        provider,
        name: `${props.namePrefix}-${type}`,
        datasetGroupArn,
        datasetType: DATASET_TYPE_NAMES[type],
        schemaArn: schema.schemaArn,
      });
    }
    this.datasets = datasets;

    const solutions = {} as Record<TrainedStrategy, PersonalizeSolution>;
    for (const strategy of TRAINED_STRATEGIES) {
      solutions[strategy] = new PersonalizeSolution(this, `${strategy}-solution`, {
        provider,
        name: `${props.namePrefix}-${strategy}`,
        datasetGroupArn,
        recipeArn: recipeArn(strategy),
        // A solution needs the interactions dataset in its group before it can be created.
        dependsOn: Object.values(datasets),
      });
    }
    this.solutions = solutions;

    this.serviceRole = new PersonalizeServiceRole(this, "service-role", {
      namePrefix: props.namePrefix,
      bucketArn: props.dataBucketArn,
      aws: props.aws,
    });
  }
}
