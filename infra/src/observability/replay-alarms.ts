import { METRICS, SCHEDULED_FUNCTIONS } from "@personalize-ab/domain";
import { Construct } from "constructs";
import { CloudwatchMetricAlarm } from "../cdktf";
import type { NodejsFunction } from "../serving/nodejs-function";
import { rateSeconds } from "../serving/schedule-rate";
import { anyCountAlarm, functionErrors, platformMetric } from "./count-alarm";

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
    // One scheduled run per alarm period: "three in a row" is three runs.
    const common = anyCountAlarm(props.topicArn, rateSeconds(SCHEDULED_FUNCTIONS.eventReplay.schedule));
    new CloudwatchMetricAlarm(this, "errors", {
      alarmName: `${replay.name}-errors`,
      alarmDescription: `${replay.name} threw or timed out; owed events wait for the next run`,
      ...functionErrors(replay),
      evaluationPeriods: 1,
      ...common,
    });
    new CloudwatchMetricAlarm(this, "still-refused", {
      alarmName: `${replay.name}-still-refused`,
      alarmDescription: "Personalize refused replayed events in three runs in a row",
      ...platformMetric(METRICS.eventReplayFailures, props.environmentName),
      evaluationPeriods: 3,
      ...common,
    });
    new CloudwatchMetricAlarm(this, "dead-lettered", {
      alarmName: `${replay.name}-dead-lettered`,
      alarmDescription:
        "The replay gave up on events after its attempts; they are kept in the events table (DeadLetteredAt)",
      ...platformMetric(METRICS.eventsDeadLettered, props.environmentName),
      evaluationPeriods: 1,
      ...common,
    });
  }
}
