import type { MetricResult } from "@personalize-ab/statistics";

const whole = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

export function formatCount(n: number): string {
  return whole.format(n);
}

/** A share as a percentage with `digits` decimals: 0.1234 → "12.34%". */
export function formatPercent(share: number, digits = 2): string {
  return `${(share * 100).toFixed(digits)}%`;
}

/** A relative lift, signed: 0.123 → "+12.3%"; null (a control at 0) → "—". */
export function formatLift(lift: number | null): string {
  if (lift === null || !Number.isFinite(lift)) return "—";
  const text = formatPercent(lift, 1);
  return lift > 0 ? `+${text}` : text;
}

/** A relative interval: "[−1.2%, +3.4%]"; null (no relative lift: a control at 0) → "[—, —]". */
export function formatInterval(interval: readonly [number, number] | null): string {
  const [low, high] = interval ?? [null, null];
  return `[${formatLift(low)}, ${formatLift(high)}]`;
}

export function formatPValue(p: number): string {
  return p < 0.001 ? "< 0.001" : p.toFixed(3);
}

/** A metric's value as people read it: proportions as percentages, means and ratios to 4 significant digits. */
export function formatMetricValue(kind: MetricResult["kind"], value: number): string {
  if (!Number.isFinite(value)) return "—";
  return kind === "binomial" ? formatPercent(value) : value.toPrecision(4);
}

export function formatTime(ms: number): string {
  return new Date(ms).toISOString().replace("T", " ").slice(0, 16);
}
