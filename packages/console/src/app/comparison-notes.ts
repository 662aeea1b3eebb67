import type { ComparisonResult, MetricResult } from "@personalize-ab/statistics";
import { formatPercent } from "./number-format";

/** An absolute change as people read it: percentage points for proportions, 4 significant digits otherwise. */
export function formatDifference(kind: MetricResult["kind"], difference: number): string {
  const text =
    kind === "binomial"
      ? `${(difference * 100).toFixed(2)} pp`
      : Number(difference.toPrecision(4)).toString();
  return difference > 0 ? `+${text}` : text;
}

/**
 * What the table's numbers cannot say by themselves about one comparison: why there is no
 * relative lift (and the absolute change instead), and the zero-variance cases, in words.
 */
export function comparisonNotes(kind: MetricResult["kind"], comparison: ComparisonResult): string[] {
  const notes: string[] = [];
  if (comparison.relative_lift_reason === "control_is_zero") {
    const [low, high] = comparison.absolute_ci.map((end) => formatDifference(kind, end));
    notes.push(
      `no relative lift: the control's value is 0; the difference is ${formatDifference(kind, comparison.absolute_difference)}, interval [${low}, ${high}]`,
    );
  }
  switch (comparison.basis) {
    case "certain":
      notes.push(
        `no variance in either variant: the difference is certain (p = 0, chance to win ${formatPercent(comparison.chance_to_win, 0)})`,
      );
      break;
    case "no_difference":
      notes.push("no variance in either variant and the same value: no difference");
      break;
    case "too_few_users":
      notes.push("too few users to compare yet");
      break;
    case "estimate":
      break;
  }
  return notes;
}
