import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import type { NodejsFunction } from "../serving/nodejs-function";

const FIVE_MINUTES = 300;

export interface PlatformAlarmsProps {
  readonly config: EnvironmentConfig;
  readonly apiId: string;
  readonly stageName: string;
  readonly functions: readonly NodejsFunction[];
  readonly topicArn: string;
}

/** API 5xx rate, function errors and function p99 latency, each notifying the alarm topic. */
export class PlatformAlarms extends Construct {
  constructor(scope: Construct, id: string, props: PlatformAlarmsProps) {
    super(scope, id);
    const { config } = props;
    const notify = { alarmActions: [props.topicArn], okActions: [props.topicArn] };
    const api = { namespace: "AWS/ApiGateway", dimensions: { ApiId: props.apiId, Stage: props.stageName } };

    new CloudwatchMetricAlarm(this, "api-5xx-rate", {
      alarmName: `${config.namePrefix}-api-5xx-rate`,
      alarmDescription: `More than ${config.api5xxRatePercent}% of API requests answered 5xx over five minutes`,
      comparisonOperator: "GreaterThanThreshold",
      threshold: config.api5xxRatePercent,
      evaluationPeriods: 1,
      // No traffic is not an outage.
      treatMissingData: "notBreaching",
      metricQuery: [
        {
          id: "rate",
          label: "5xx rate (%)",
          expression: "IF(requests > 0, 100 * errors / requests, 0)",
          returnData: true,
        },
        { id: "errors", metric: { ...api, metricName: "5xx", period: FIVE_MINUTES, stat: "Sum" } },
        { id: "requests", metric: { ...api, metricName: "Count", period: FIVE_MINUTES, stat: "Sum" } },
      ],
      ...notify,
    });

    for (const fn of props.functions) {
      const dimensions = { FunctionName: fn.name };
      new CloudwatchMetricAlarm(this, `${fn.node.id}-errors`, {
        alarmName: `${fn.name}-errors`,
        alarmDescription: `${fn.name} threw or timed out`,
        namespace: "AWS/Lambda",
        metricName: "Errors",
        dimensions,
        statistic: "Sum",
        period: FIVE_MINUTES,
        evaluationPeriods: 1,
        comparisonOperator: "GreaterThanThreshold",
        threshold: 0,
        treatMissingData: "notBreaching",
        ...notify,
      });
      new CloudwatchMetricAlarm(this, `${fn.node.id}-p99-latency`, {
        alarmName: `${fn.name}-p99-latency`,
        alarmDescription: `${fn.name} p99 duration above ${config.latencyP99Ms} ms for three five-minute periods`,
        namespace: "AWS/Lambda",
        metricName: "Duration",
        dimensions,
        extendedStatistic: "p99",
        period: FIVE_MINUTES,
        evaluationPeriods: 3,
        datapointsToAlarm: 3,
        comparisonOperator: "GreaterThanThreshold",
        threshold: config.latencyP99Ms,
        treatMissingData: "notBreaching",
        ...notify,
      });
    }
  }
}
