import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { StreamFunction } from "../serving/stream-functions";

const ONE_MINUTE = 60;

export interface StreamAlarmsProps {
  readonly consumers: readonly StreamFunction[];
  /** Alarm when the oldest record a consumer has not yet handled is older than this. */
  readonly iteratorAgeMs: number;
  readonly topicArn: string;
}

/**
 * A stream consumer that falls behind delays results; one whose batches land in the on-failure
 * queue has given records up. Both page through the alarm topic.
 */
export class StreamAlarms extends Construct {
  constructor(scope: Construct, id: string, props: StreamAlarmsProps) {
    super(scope, id);
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    props.consumers.forEach(({ fn, failures }, index) => {
      new CloudwatchMetricAlarm(this, `iterator-age-${index}`, {
        alarmName: `${fn.name}-iterator-age`,
        alarmDescription: `${fn.name} is more than ${props.iteratorAgeMs} ms behind its streams`,
        namespace: "AWS/Lambda",
        metricName: "IteratorAge",
        dimensions: { FunctionName: fn.name },
        statistic: "Maximum",
        period: ONE_MINUTE,
        evaluationPeriods: 5,
        comparisonOperator: "GreaterThanThreshold",
        threshold: props.iteratorAgeMs,
        treatMissingData: "notBreaching",
        ...notify,
      });
      new CloudwatchMetricAlarm(this, `failures-${index}`, {
        alarmName: `${fn.name}-failed-batches`,
        alarmDescription: `${fn.name} gave stream batches up: their positions are in ${failures.name}`,
        namespace: "AWS/SQS",
        metricName: "ApproximateNumberOfMessagesVisible",
        dimensions: { QueueName: failures.name },
        statistic: "Maximum",
        period: ONE_MINUTE,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        ...notify,
      });
    });
  }
}
