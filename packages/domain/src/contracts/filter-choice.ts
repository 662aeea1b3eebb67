import * as z from "zod/mini";
import { FILTER_NAMES, filterParameters, PERSONALIZE_FILTERS } from "../personalize-filters";
import { boundedString } from "./fields";

/** Personalize takes at most 1000 characters per filter value, the quoted list included. */
export const MAX_FILTER_VALUE_LENGTH = 1000;
export const MAX_FILTER_VALUES = 25;

const filterValue = boundedString(256);

export const filterNameField = z.enum(FILTER_NAMES, { error: `must be one of ${FILTER_NAMES.join(", ")}` });

/** Each parameter's values: one string, or a list of them (Personalize ORs them). */
export const filterValuesField = z.record(
  z.string(),
  z.union(
    [
      filterValue,
      z
        .array(filterValue)
        .check(
          z.minLength(1, "must not be empty"),
          z.maxLength(MAX_FILTER_VALUES, `must have at most ${MAX_FILTER_VALUES} values`),
        ),
    ],
    { error: "must be a string or a list of strings" },
  ),
  { error: "must be an object of parameter values" },
);

type Issues = { addIssue(issue: { code: "custom"; path: PropertyKey[]; message: string }): void };

/**
 * A filter chosen by name with its values (in a request, or on a variant): the values must give
 * exactly the filter's `$PARAMETERS`, and come only with a filter. Problems name the field.
 */
export function checkFilterChoice<F extends string, V extends string>(filterKey: F, valuesKey: V) {
  return (
    choice: Partial<Record<F, string>> & Partial<Record<V, Record<string, string | string[]>>>,
    issues: Issues,
  ) => {
    const filter = choice[filterKey] as keyof typeof PERSONALIZE_FILTERS | undefined;
    const given: Record<string, string | string[]> = choice[valuesKey] ?? {};
    if (filter === undefined) {
      if (choice[valuesKey] !== undefined)
        issues.addIssue({ code: "custom", path: [valuesKey], message: "needs a filter" });
      return;
    }
    const expected = filterParameters(PERSONALIZE_FILTERS[filter].expression);
    for (const name of expected) {
      if (!(name in given)) {
        issues.addIssue({
          code: "custom",
          path: [valuesKey, name],
          message: `is required by the ${filter} filter`,
        });
      }
    }
    for (const [name, values] of Object.entries(given)) {
      if (!expected.includes(name)) {
        const parameters = expected.length > 0 ? expected.join(", ") : "it takes none";
        issues.addIssue({
          code: "custom",
          path: [valuesKey, name],
          message: `is not a parameter of the ${filter} filter (${parameters})`,
        });
      } else if (JSON.stringify([values].flat()).length - 2 > MAX_FILTER_VALUE_LENGTH) {
        issues.addIssue({
          code: "custom",
          path: [valuesKey, name],
          message: `must be at most ${MAX_FILTER_VALUE_LENGTH} characters once quoted`,
        });
      }
    }
  };
}

/** A filter a variant applies to every request that names none: `{name, values?}`. */
export const variantFilterSchema = z
  .object({ name: filterNameField, values: z.optional(filterValuesField) })
  .check(z.superRefine(checkFilterChoice("name", "values")));

export type VariantFilter = z.infer<typeof variantFilterSchema>;
