/** What a state machine needs to deliver its execution logs to CloudWatch Logs. */
export const STATE_MACHINE_LOG_DELIVERY_ACTIONS = [
  "logs:CreateLogDelivery",
  "logs:GetLogDelivery",
  "logs:UpdateLogDelivery",
  "logs:DeleteLogDelivery",
  "logs:ListLogDeliveries",
  "logs:PutResourcePolicy",
  "logs:DescribeResourcePolicies",
  "logs:DescribeLogGroups",
];

/** What a traced function or state machine needs to send X-Ray segments. */
export const STATE_MACHINE_TRACING_ACTIONS = [
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
  "xray:GetSamplingRules",
  "xray:GetSamplingTargets",
];

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
  "personalize:ListFilters",
  "personalize:ListSolutionVersions",
  "personalize:ListSolutions",
  // A DynamoDB stream's event source mapping lists the table's streams (Lambda's documented need).
  "dynamodb:ListStreams",
  // Step Functions' execution logs and traces (the training state machine).
  ...STATE_MACHINE_LOG_DELIVERY_ACTIONS,
  ...STATE_MACHINE_TRACING_ACTIONS,
];
