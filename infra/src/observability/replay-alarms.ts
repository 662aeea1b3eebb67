import {
  METRIC_DIMENSIONS,
  METRIC_SOURCES,
  METRICS,
  METRICS_NAMESPACE,
  type MetricName,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { NodejsFunction } from "../serving/nodejs-function";

const FIVE_MINUTES = 300;

export interface ReplayAlarmsProps {
  /** The environment's name: the Environment dimension of the replay's metrics. */
  readonly environmentName: string;
  readonly replay: NodejsFunction;
  readonly topicArn: string;
}

/**
 * Events owed to Personalize are kept, never lost, but models stop learning from them: say so when
 * the replay itself fails, or when Personalize keeps refusing events for a quarter of an hour.
 */
export class ReplayAlarms extends Construct {
  constructor(scope: Construct, id: string, props: ReplayAlarmsProps) {
    super(scope, id);
    const { replay } = props;
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    const common = {
      statistic: "Sum",
      period: FIVE_MINUTES,
      comparisonOperator: "GreaterThanThreshold",
      threshold: 0,
      treatMissingData: "notBreaching",
      ...notify,
    };
    new CloudwatchMetricAlarm(this, "errors", {
      alarmName: `${replay.name}-errors`,
      alarmDescription: `${replay.name} threw or timed out; owed events wait for the next run`,
      namespace: "AWS/Lambda",
      metricName: "Errors",
      dimensions: { FunctionName: replay.name },
      evaluationPeriods: 1,
      ...common,
    });
    // The replay's metrics carry exactly the dimensions the catalog gives them.
    const replayMetric = (metric: MetricName) => ({
      namespace: METRICS_NAMESPACE,
      metricName: metric,
      dimensions: {
        [METRIC_DIMENSIONS.service]: METRIC_SOURCES[metric].app,
        [METRIC_DIMENSIONS.environment]: props.environmentName,
      },
    });
    new CloudwatchMetricAlarm(this, "still-refused", {
      alarmName: `${replay.name}-still-refused`,
      alarmDescription: "Personalize refused replayed events in three runs in a row",
      ...replayMetric(METRICS.eventReplayFailures),
      evaluationPeriods: 3,
      ...common,
    });
    new CloudwatchMetricAlarm(this, "dead-lettered", {
      alarmName: `${replay.name}-dead-lettered`,
      alarmDescription:
        "The replay gave up on events after its attempts; they are kept in the events table (DeadLetteredAt)",
      ...replayMetric(METRICS.eventsDeadLettered),
      evaluationPeriods: 1,
      ...common,
    });
  }
}
