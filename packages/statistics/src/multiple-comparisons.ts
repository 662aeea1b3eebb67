export type Correction = "holm" | "bh" | "none";

/** Indices of `values` in ascending order of value (stable). */
function ascendingOrder(values: readonly number[]): number[] {
  return values.map((_, index) => index).sort((a, b) => values[a]! - values[b]! || a - b);
}

/**
 * Holm–Bonferroni step-down: in ascending order p_(i) ← min(1, p_(i)·(m − i)) for 0-based i,
 * then a running maximum. Returned in the input's order.
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMax = 0;
  ascendingOrder(pValues).forEach((index, rank) => {
    runningMax = Math.max(runningMax, Math.min(1, pValues[index]! * (m - rank)));
    adjusted[index] = runningMax;
  });
  return adjusted;
}

/**
 * Benjamini–Hochberg step-up: in descending order p ← min(1, p·m/(m − i)) for 0-based i, then a
 * running minimum. Returned in the input's order.
 */
export function benjaminiHochbergAdjust(pValues: readonly number[]): number[] {
  const m = pValues.length;
  const adjusted = new Array<number>(m);
  let runningMin = 1;
  ascendingOrder(pValues)
    .reverse()
    .forEach((index, rank) => {
      runningMin = Math.min(runningMin, Math.min(1, (pValues[index]! * m) / (m - rank)));
      adjusted[index] = runningMin;
    });
  return adjusted;
}

export function adjustPValues(pValues: readonly number[], correction: Correction): number[] {
  switch (correction) {
    case "holm":
      return holmAdjust(pValues);
    case "bh":
      return benjaminiHochbergAdjust(pValues);
    case "none":
      return [...pValues];
  }
}
