import { DATASET_CSV_FILES, ENV, TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import { z } from "zod";

const DAY_MS = 86_400_000;
export const DEFAULT_EXPORT_WINDOW_DAYS = 365;

import { defineAction } from "../action";
import { requireSetting } from "../context";
import { exportInteractions as streamInteractions } from "../export/export-interactions";

/** Where a run's export lands: under the prefix the Personalize role may read, one folder per run. */
export function interactionsExportKey(runId: string): string {
  return `${TRAINING_DATA_PREFIX}exports/${runId}/${DATASET_CSV_FILES.interactions}`;
}

export const exportInteractions = defineAction({
  name: "export_interactions",
  input: z.object({
    run_id: z
      .string({ error: "must be a string" })
      .regex(/^[A-Za-z0-9_-]{1,80}$/, "must be 1-80 letters, digits, '_' or '-'"),
    segments: z.number({ error: "must be a number" }).int("must be an integer").min(1).max(16).default(4),
    page_size: z
      .number({ error: "must be a number" })
      .int("must be an integer")
      .min(1)
      .max(10_000)
      .optional(),
    // The training window: events older than this many days are left out (the table keeps them
    // until their ExpiresAt). Defaults to a year.
    window_days: z
      .number({ error: "must be a number" })
      .int("must be an integer")
      .min(1, "must be at least 1")
      .max(3650, "must be at most 3650")
      .default(DEFAULT_EXPORT_WINDOW_DAYS),
  }),
  async run(input, context) {
    const bucket = requireSetting(context, ENV.dataBucket);
    const key = interactionsExportKey(input.run_id);
    const summary = await streamInteractions({
      dynamo: context.dynamo,
      s3: context.s3,
      tableName: requireSetting(context, ENV.eventsTable),
      bucket,
      key,
      segments: input.segments,
      pageSize: input.page_size,
      sinceMs: context.now().getTime() - input.window_days * DAY_MS,
    });
    return {
      window_days: input.window_days,
      s3_data_source: `s3://${bucket}/${key}`,
      rows_written: summary.rowsWritten,
      events_skipped: summary.eventsSkipped,
      bytes: summary.bytes,
    };
  },
});
