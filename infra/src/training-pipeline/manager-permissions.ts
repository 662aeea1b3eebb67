import type { FunctionDefinition, PersonalizeControlAction } from "@personalize-ab/domain";
import type { AwsContext } from "../aws-context";
import { allow, type PolicyStatement } from "../iam/policy-document";

type PersonalizeResourceKind =
  | "dataset-group"
  | "dataset"
  | "dataset-import-job"
  | "solution"
  | "campaign"
  | "event-tracker"
  | "filter";

/** The resource types IAM checks for each action; List actions have none and need "*". */
const RESOURCE_KINDS: Readonly<Record<PersonalizeControlAction, readonly PersonalizeResourceKind[]>> = {
  CreateDatasetGroup: ["dataset-group"],
  DescribeDatasetGroup: ["dataset-group"],
  ListDatasetGroups: [],
  DescribeDataset: ["dataset"],
  CreateDatasetImportJob: ["dataset", "dataset-import-job"],
  DescribeDatasetImportJob: ["dataset-import-job"],
  ListDatasetImportJobs: [],
  CreateSolution: ["dataset-group", "solution"],
  DescribeSolution: ["solution"],
  ListSolutions: [],
  CreateSolutionVersion: ["solution"],
  DescribeSolutionVersion: ["solution"],
  ListSolutionVersions: [],
  GetSolutionMetrics: ["solution"],
  CreateCampaign: ["campaign", "solution"],
  DescribeCampaign: ["campaign"],
  UpdateCampaign: ["campaign"],
  ListCampaigns: [],
  CreateEventTracker: ["dataset-group", "event-tracker"],
  DescribeEventTracker: ["event-tracker"],
  ListEventTrackers: [],
  CreateFilter: ["dataset-group", "filter"],
  DescribeFilter: ["filter"],
  ListFilters: [],
};

/**
 * This environment's Personalize resources: everything is named after the prefix (the dataset
 * group exactly, datasets live under it, solution versions under their solution). Event tracker
 * ARNs carry a generated id rather than the name, so trackers are matched by type only.
 */
function resourcePattern(kind: PersonalizeResourceKind, namePrefix: string): string {
  switch (kind) {
    case "dataset-group":
      return `dataset-group/${namePrefix}`;
    case "dataset":
      return `dataset/${namePrefix}/*`;
    case "event-tracker":
      return "event-tracker/*";
    default:
      return `${kind}/${namePrefix}-*`;
  }
}

const SIDS: Record<PersonalizeResourceKind, string> = {
  "dataset-group": "PersonalizeDatasetGroup",
  dataset: "PersonalizeDatasets",
  "dataset-import-job": "PersonalizeImportJobs",
  solution: "PersonalizeSolutions",
  campaign: "PersonalizeCampaigns",
  "event-tracker": "PersonalizeEventTrackers",
  filter: "PersonalizeFilters",
};

/**
 * What a training function needs beyond its tables: each Personalize control-plane action on the
 * environment's resources of the types IAM checks for it, the data bucket under its prefix, and
 * passing the Personalize role to Personalize only.
 */
export function trainingPolicyStatements(
  definition: FunctionDefinition,
  targets: { aws: AwsContext; namePrefix: string; dataBucketArn: string; personalizeRoleArn: string },
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  const actions = definition.personalizeControl ?? [];
  const listing = actions.filter((action) => RESOURCE_KINDS[action].length === 0);
  if (listing.length > 0) {
    statements.push(
      allow(
        listing.map((action) => `personalize:${action}`),
        ["*"],
        "PersonalizeListing",
      ),
    );
  }
  for (const kind of Object.keys(SIDS) as PersonalizeResourceKind[]) {
    const onKind = actions.filter((action) => RESOURCE_KINDS[action].includes(kind));
    if (onKind.length === 0) continue;
    const resource = targets.aws.arn("personalize", resourcePattern(kind, targets.namePrefix));
    statements.push(
      allow(
        onKind.map((action) => `personalize:${action}`),
        [resource],
        SIDS[kind],
      ),
    );
  }
  if (definition.dataBucket) {
    const { prefix, actions: bucketActions } = definition.dataBucket;
    statements.push(
      allow(
        bucketActions.map((action) => `s3:${action}`),
        [`${targets.dataBucketArn}/${prefix}*`],
        "TrainingDataObjects",
      ),
    );
  }
  if (definition.passesPersonalizeRole) {
    statements.push({
      ...allow(["iam:PassRole"], [targets.personalizeRoleArn], "PassRoleToPersonalize"),
      Condition: { StringEquals: { "iam:PassedToService": "personalize.amazonaws.com" } },
    });
  }
  return statements;
}
