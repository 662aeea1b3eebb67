import type { Experiment } from "./experiment";

export const HISTORY_ACTIONS = ["create", "update", "status", "allocation"] as const;
export type HistoryAction = (typeof HISTORY_ACTIONS)[number];

/** One field's value before and after a write; `from` is absent for a created record. */
export interface FieldChange {
  readonly from?: unknown;
  readonly to: unknown;
}

/** One write of an experiment record: who, when, what and how the record changed. */
export interface HistoryEntry {
  readonly test_name: string;
  /** The version the write produced. */
  readonly version: number;
  readonly at: number;
  readonly caller: string;
  readonly action: HistoryAction;
  readonly changes: Readonly<Record<string, FieldChange>>;
}

/** Attribute names of a history item (keyed by TestName and Version). */
export const HISTORY_ATTRIBUTES = {
  at: "At",
  caller: "Caller",
  action: "Action",
  changes: "Changes",
} as const;

const TRACKED_FIELDS = [
  "status",
  "kind",
  "winner",
  "variants",
  "metrics",
  "allocation",
  "periods",
  "active_spans",
] as const satisfies readonly (keyof Experiment)[];

/** The fields a write changed (the version always does, so it is left out). */
export function experimentChanges(
  before: Experiment | undefined,
  after: Experiment,
): Record<string, FieldChange> {
  const changes: Record<string, FieldChange> = {};
  for (const field of TRACKED_FIELDS) {
    const from = before?.[field];
    const to = after[field];
    if (JSON.stringify(from) === JSON.stringify(to)) continue;
    changes[field] =
      before === undefined || from === undefined ? { to: to ?? null } : { from, to: to ?? null };
  }
  return changes;
}
