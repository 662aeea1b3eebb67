import { DATASET_CSV_FILES, ENV, TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import { z } from "zod";
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
    });
    return {
      s3_data_source: `s3://${bucket}/${key}`,
      rows_written: summary.rowsWritten,
      events_skipped: summary.eventsSkipped,
      bytes: summary.bytes,
    };
  },
});
