import Table from "cli-table3";
import { FUNNEL_STEPS } from "./funnel";
import type { GroundTruth } from "./ground-truth";

const share = (part: number, whole: number) => (whole === 0 ? "-" : `${((100 * part) / whole).toFixed(2)} %`);

/** The ground truth as a terminal table: one row per variant. */
export function groundTruthTable(truth: GroundTruth): string {
  const table = new Table({
    head: [
      "variant",
      "users",
      "skipped",
      ...FUNNEL_STEPS.map(({ eventType }) => `${eventType} users`),
      "purchase rate",
      "revenue",
      "fallbacks",
    ],
    style: { head: [], border: [] },
  });
  for (const [variant, sent] of Object.entries(truth.variants)) {
    table.push([
      variant,
      sent.users,
      sent.skipped_users,
      ...FUNNEL_STEPS.map(({ eventType }) => sent.events[eventType].users),
      share(sent.events.purchase.users, sent.users),
      sent.events.purchase.value.toFixed(2),
      sent.fallback_exposures,
    ]);
  }
  return `ground truth sent for ${truth.test_name} (seed ${truth.seed})\n${table.toString()}`;
}
