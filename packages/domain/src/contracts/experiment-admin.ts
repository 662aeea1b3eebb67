import * as z from "zod/mini";
import {
  activeSpanSchema,
  allocationPeriodSchema,
  experimentRecordSchema,
  variantSchema,
} from "../experiment";
import { allocationSchema } from "../experiment-allocation";
import { HISTORY_ACTIONS } from "../experiment-history";
import { metricListSchema } from "../experiment-metrics";
import { EXPERIMENT_KINDS } from "../interleaving";
import { TEST_NAME_PATTERN } from "./fields";

const recordVersion = z.number().check(z.int("must be a whole number"), z.nonnegative("must be at least 0"));

/** POST /experiments: a new experiment, a draft unless it asks to start at once. */
export const createExperimentRequestSchema = z.object({
  name: z.string().check(z.regex(TEST_NAME_PATTERN, "must be 1-128 letters, digits, '_', '.' or '-'")),
  status: z.optional(z.enum(["draft", "active"], "must be draft or active (other statuses come later)")),
  kind: z.optional(z.enum(EXPERIMENT_KINDS, "must be ab or interleaving")),
  variants: z.array(variantSchema).check(z.minLength(1, "needs at least one variant")),
  metrics: z.optional(metricListSchema),
  allocation: z.optional(allocationSchema),
});

/**
 * PUT /experiments/{name}: the record as GET returned it, edited. `version` is the one read; the
 * server-kept fields (status, winner, periods, active spans) may be sent back unchanged.
 */
export const updateExperimentRequestSchema = z.object({
  version: recordVersion,
  name: z.optional(z.string()),
  status: z.optional(z.string()),
  winner: z.optional(z.string()),
  kind: z.optional(z.enum(EXPERIMENT_KINDS, "must be ab or interleaving")),
  variants: z.array(variantSchema).check(z.minLength(1, "needs at least one variant")),
  metrics: z.optional(metricListSchema),
  allocation: z.optional(allocationSchema),
  periods: z.optional(z.array(allocationPeriodSchema)),
  active_spans: z.optional(z.array(activeSpanSchema)),
});

/** POST /experiments/{name}/status. `version`, when given, must be the current one. */
export const statusChangeRequestSchema = z.object({
  status: z.enum(["draft", "active", "paused", "completed"]),
  winner: z.optional(z.string()),
  version: z.optional(recordVersion),
});

export const experimentListResponseSchema = z.object({ experiments: z.array(experimentRecordSchema) });

const fieldChangeSchema = z.object({ from: z.optional(z.unknown()), to: z.unknown() });

export const experimentHistoryResponseSchema = z.object({
  test_name: z.string(),
  entries: z.array(
    z.object({
      test_name: z.string(),
      version: z.number(),
      at: z.number(),
      caller: z.string(),
      action: z.enum(HISTORY_ACTIONS),
      changes: z.record(z.string(), fieldChangeSchema),
    }),
  ),
});

export type CreateExperimentRequest = z.output<typeof createExperimentRequestSchema>;
export type UpdateExperimentRequest = z.output<typeof updateExperimentRequestSchema>;
export type StatusChangeRequest = z.output<typeof statusChangeRequestSchema>;
