import { problemsOf } from "@personalize-ab/adapters/http";
import { type Experiment, experimentSchema } from "@personalize-ab/domain";

export type ExperimentFileResult =
  | { readonly experiment: Experiment; readonly problems?: undefined }
  | { readonly problems: readonly string[] };

/**
 * An experiment record read from JSON text and validated with the domain's schema, or one line per
 * problem naming its field (`variants: weights must sum to 1 (got 0.7)`), as the table must never
 * hold a record the functions would refuse.
 */
export function parseExperimentFile(text: string): ExperimentFileResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { problems: [`file: must be valid JSON (${(error as Error).message})`] };
  }
  const parsed = experimentSchema.safeParse(json);
  if (!parsed.success) {
    return { problems: problemsOf(parsed.error).map(({ field, problem }) => `${field}: ${problem}`) };
  }
  return { experiment: parsed.data };
}
