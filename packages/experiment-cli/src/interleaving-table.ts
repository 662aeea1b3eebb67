import Table from "cli-table3";

/** The parts of an interleaving experiment's results the table shows (read structurally). */
export interface InterleavingView {
  readonly kind: "interleaving";
  readonly test_name?: string;
  readonly status?: string;
  readonly computed_at?: string;
  readonly impressions: number;
  readonly clicked_impressions: number;
  readonly failures: Readonly<Record<string, number>>;
  readonly click_event_types: readonly string[];
  readonly pairs: readonly {
    readonly a: string;
    readonly b: string;
    readonly users: number;
    readonly preference: number;
    readonly ci: readonly [number, number];
    readonly p_value: number;
    readonly significant: boolean;
    readonly wins: number;
    readonly losses: number;
    readonly ties: number;
    readonly favours: string | null;
  }[];
}

export function isInterleavingView(results: unknown): results is InterleavingView {
  return (results as { kind?: unknown }).kind === "interleaving";
}

const signed = (value: number) => `${value >= 0 ? "+" : ""}${value.toFixed(3)}`;

/** Per pair: users with a clicked impression, the mean per-user preference with its CI, the test. */
export function interleavingTable(results: InterleavingView): string {
  const header = `${results.test_name ?? "interleaving"} (interleaving, ${results.status ?? "unknown status"}), computed ${results.computed_at ?? "now"}`;
  const failures = Object.entries(results.failures)
    .map(([variant, count]) => `${variant} ${count}`)
    .join(", ");
  const table = new Table({
    head: ["pair (a vs b)", "users", "wins / losses / ties", "preference for a [CI]", "p", "favours"],
    style: { head: [], border: [] },
  });
  for (const pair of results.pairs) {
    const [lo, hi] = pair.ci;
    table.push([
      `${pair.a} vs ${pair.b}`,
      pair.users,
      `${pair.wins} / ${pair.losses} / ${pair.ties}`,
      `${signed(pair.preference)} [${signed(lo)}, ${signed(hi)}]`,
      pair.p_value < 0.0001 ? "<0.0001" : pair.p_value.toFixed(4),
      pair.favours ?? "neither (not significant)",
    ]);
  }
  return [
    header,
    `impressions ${results.impressions}, with a click ${results.clicked_impressions} (clicks: ${results.click_event_types.join(", ")})`,
    `failed impressions per variant: ${failures}`,
    table.toString(),
  ].join("\n");
}
