import { type FunctionDefinition, TABLES, type TableAction, type TableKey } from "@personalize-ab/domain";
import type { AwsContext } from "../aws-context";
import type { DynamodbTable } from "../cdktf";
import { allow, type PolicyStatement } from "../iam/policy-document";
import { indexArns } from "../storage/platform-tables";

/**
 * The statements a catalog function needs, derived from what FUNCTIONS says it touches: each table
 * action on that table only, Query also on the table's indexes, Personalize on this environment's
 * campaigns.
 */
export function catalogPolicyStatements(
  definition: FunctionDefinition,
  tables: Readonly<Record<TableKey, DynamodbTable>>,
  aws: AwsContext,
  namePrefix: string,
): PolicyStatement[] {
  const statements: PolicyStatement[] = [];
  for (const [key, actions] of Object.entries(definition.tables) as [TableKey, readonly TableAction[]][]) {
    const table = tables[key];
    statements.push(allow(dynamodbActions(actions), [table.arn], sid("Table", key)));
    const indexes = indexArns(table, TABLES[key]);
    if (actions.includes("Query") && indexes.length > 0) {
      statements.push(allow(["dynamodb:Query"], indexes, sid("Indexes", key)));
    }
  }
  const personalize = definition.personalize ?? [];
  if (personalize.includes("GetRecommendations")) {
    // Campaigns and filters are created by the training pipeline under the environment's prefix;
    // a request naming a filter is authorized on the filter too.
    const campaigns = aws.arn("personalize", `campaign/${namePrefix}-*`);
    const filters = aws.arn("personalize", `filter/${namePrefix}-*`);
    statements.push(
      allow(["personalize:GetRecommendations"], [campaigns, filters], "RecommendFromCampaigns"),
    );
  }
  if (personalize.includes("PutEvents")) {
    // PutEvents has no resource type: IAM only accepts "*" for it.
    statements.push(allow(["personalize:PutEvents"], ["*"], "ForwardEvents"));
  }
  return statements;
}

function dynamodbActions(actions: readonly TableAction[]): string[] {
  return [...new Set(actions)].sort().map((action) => `dynamodb:${action}`);
}

/** Statement ids allow only alphanumerics. */
function sid(kind: string, table: string): string {
  return `${kind}${table.charAt(0).toUpperCase()}${table.slice(1)}`.replace(/[^A-Za-z0-9]/g, "");
}
