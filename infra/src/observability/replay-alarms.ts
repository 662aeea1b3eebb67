import { METRICS, METRICS_NAMESPACE, SCHEDULED_FUNCTIONS } from "@personalize-ab/domain";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { NodejsFunction } from "../serving/nodejs-function";

const FIVE_MINUTES = 300;

export interface ReplayAlarmsProps {
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
    new CloudwatchMetricAlarm(this, "still-refused", {
      alarmName: `${replay.name}-still-refused`,
      alarmDescription: "Personalize refused replayed events in three runs in a row",
      namespace: METRICS_NAMESPACE,
      metricName: METRICS.eventReplayFailures,
      // Powertools publishes every metric under the function's service name.
      dimensions: { service: SCHEDULED_FUNCTIONS.eventReplay.app },
      evaluationPeriods: 3,
      ...common,
    });
  }
}
