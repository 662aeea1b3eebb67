import {
  METRIC_DIMENSIONS,
  METRIC_SOURCES,
  METRICS_NAMESPACE,
  type MetricName,
} from "@personalize-ab/domain";
import type { NodejsFunction } from "../serving/nodejs-function";

/** An alarm on any count above zero in a period, notifying the topic when it fires and clears. */
export function anyCountAlarm(topicArn: string, periodSeconds: number) {
  return {
    statistic: "Sum",
    period: periodSeconds,
    comparisonOperator: "GreaterThanThreshold",
    threshold: 0,
    // No run, no count: not an alarm.
    treatMissingData: "notBreaching",
    alarmActions: [topicArn],
    okActions: [topicArn],
  };
}

/** The function's own error count (threw or timed out). */
export function functionErrors(fn: NodejsFunction) {
  return { namespace: "AWS/Lambda", metricName: "Errors", dimensions: { FunctionName: fn.name } };
}

/** One of our metrics, with exactly the dimensions the catalog publishes it with. */
export function platformMetric(metric: MetricName, environmentName: string) {
  return {
    namespace: METRICS_NAMESPACE,
    metricName: metric,
    dimensions: {
      [METRIC_DIMENSIONS.service]: METRIC_SOURCES[metric].app,
      [METRIC_DIMENSIONS.environment]: environmentName,
    },
  };
}
