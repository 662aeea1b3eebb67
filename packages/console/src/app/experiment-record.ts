import type { experimentRecordSchema, HistoryEntry } from "@personalize-ab/domain";
import type * as z from "zod/mini";

/** The experiment as the admin API answers it (GET /experiments, GET /experiments/{test_name}). */
export type ExperimentRecord = z.output<typeof experimentRecordSchema>;

/** GET /experiments/{test_name}/history. */
export interface ExperimentHistory {
  readonly test_name: string;
  readonly entries: readonly HistoryEntry[];
}

export const experimentPath = (name: string) => `/experiments/${encodeURIComponent(name)}`;
