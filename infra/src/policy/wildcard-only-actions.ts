/**
 * Actions that have no resource type, so IAM accepts only `"Resource": "*"` for them. Every other
 * allowed action must name its resources. The tests check each entry against the IAM reference.
 */
export const WILDCARD_ONLY_ACTIONS: readonly string[] = [
  "personalize:PutEvents",
  // The training pipeline finds resources a previous run created by listing them.
  "personalize:ListCampaigns",
  "personalize:ListDatasetGroups",
  "personalize:ListDatasetImportJobs",
  "personalize:ListEventTrackers",
  "personalize:ListSolutionVersions",
  "personalize:ListSolutions",
  // A DynamoDB stream's event source mapping lists the table's streams (Lambda's documented need).
  "dynamodb:ListStreams",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  // Step Functions' execution logs and traces (the training state machine).
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
];
