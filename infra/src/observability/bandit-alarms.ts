import { METRICS, SCHEDULED_FUNCTIONS } from "@personalize-ab/domain";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { NodejsFunction } from "../serving/nodejs-function";
import { rateSeconds } from "../serving/schedule-rate";
import { anyCountAlarm, functionErrors, platformMetric } from "./count-alarm";

export interface BanditAlarmsProps {
  /** The environment's name: the Environment dimension of the updater's metrics. */
  readonly environmentName: string;
  readonly updater: NodejsFunction;
  readonly topicArn: string;
}

/**
 * A bandit that stops updating keeps serving its last weights: nothing is lost, but traffic stops
 * following the evidence. Say so when the updater itself fails, or when it cannot update an
 * experiment (a record or counters it cannot use). Conflicts are not alarmed: a record changed by
 * someone else is retried by the next run.
 */
export class BanditAlarms extends Construct {
  constructor(scope: Construct, id: string, props: BanditAlarmsProps) {
    super(scope, id);
    const { updater } = props;
    // One scheduled run per alarm period.
    const common = {
      ...anyCountAlarm(props.topicArn, rateSeconds(SCHEDULED_FUNCTIONS.banditUpdater.schedule)),
      evaluationPeriods: 1,
    };
    new CloudwatchMetricAlarm(this, "errors", {
      alarmName: `${updater.name}-errors`,
      alarmDescription: `${updater.name} threw or timed out; bandit weights wait for the next run`,
      ...functionErrors(updater),
      ...common,
    });
    new CloudwatchMetricAlarm(this, "failures", {
      alarmName: `${updater.name}-failures`,
      alarmDescription: "The bandit updater could not update an experiment; see its error log",
      ...platformMetric(METRICS.banditFailures, props.environmentName),
      ...common,
    });
  }
}
