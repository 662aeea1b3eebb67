const UNIT_SECONDS: Readonly<Record<string, number>> = { minute: 60, hour: 3600, day: 86_400 };

/** Seconds between runs of an EventBridge `rate(N unit)` expression: the alarms' period for a scheduled function. */
export function rateSeconds(schedule: string): number {
  const match = /^rate\((\d+) (minute|hour|day)s?\)$/.exec(schedule);
  if (!match) throw new Error(`not an EventBridge rate expression: ${schedule}`);
  return Number(match[1]) * UNIT_SECONDS[match[2]!]!;
}
