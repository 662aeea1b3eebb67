import Table from "cli-table3";
import type { InterleavingTruth } from "./interleaving-truth";

const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(3)}`;
const share = (part: number, whole: number) => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(2)} %`);

/**
 * The interleaving truth as terminal tables: items and clicks per contributing variant, then one
 * row per pair in the columns of `experiment results`, to read the two side by side.
 */
export function interleavingTruthTable(truth: InterleavingTruth): string {
  const variants = new Table({
    head: ["variant", "items shown", "items clicked", "click rate", "failed impressions"],
    style: { head: [], border: [] },
  });
  for (const [variant, items] of Object.entries(truth.items)) {
    variants.push([
      variant,
      items.shown,
      items.clicked,
      share(items.clicked, items.shown),
      truth.failures[variant] ?? 0,
    ]);
  }
  const pairs = new Table({
    head: ["pair (a vs b)", "users", "wins / losses / ties", "preference for a [CI]", "p"],
    style: { head: [], border: [] },
  });
  for (const pair of truth.pairs) {
    pairs.push([
      `${pair.a} vs ${pair.b}`,
      pair.users,
      `${pair.wins} / ${pair.losses} / ${pair.ties}`,
      `${signed(pair.preference)} [${signed(pair.ci[0])}, ${signed(pair.ci[1])}]`,
      pair.p_value < 0.0001 ? "<0.0001" : pair.p_value.toFixed(4),
    ]);
  }
  return [
    `ground truth sent for ${truth.test_name} (interleaving, seed ${truth.seed})`,
    `impressions ${truth.impressions}, with a click ${truth.clicked_impressions}, from the fallback ${truth.fallback_impressions}`,
    variants.toString(),
    pairs.toString(),
  ].join("\n");
}
