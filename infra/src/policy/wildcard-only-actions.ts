/**
 * Actions that have no resource type, so IAM accepts only `"Resource": "*"` for them. Every other
 * allowed action must name its resources. The tests check each entry against the IAM reference.
 */
export const WILDCARD_ONLY_ACTIONS: readonly string[] = [
  "personalize:PutEvents",
  "xray:PutTraceSegments",
  "xray:PutTelemetryRecords",
];
