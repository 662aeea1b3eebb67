import { parseFilterExpression, parseFilterValue, type ResolvedFilter } from "@personalize-ab/domain";
import { invalidInput, resourceNotFound } from "./personalize-error";

/**
 * The filter a request names, with its values, as Personalize resolves them: an unknown ARN is
 * ResourceNotFoundException; an expression beyond what the local recommender evaluates, a missing
 * INCLUDE value or a value not in Personalize's JSON-quoted format is InvalidInputException naming
 * the field. A parameter of an EXCLUDE condition left out drops the condition, as in Personalize.
 */
export function resolveFilter(
  filters: Readonly<Record<string, string>>,
  filterArn: string | undefined,
  filterValues: Readonly<Record<string, string>> = {},
): ResolvedFilter | undefined {
  if (filterArn === undefined) return undefined;
  const expression = filters[filterArn];
  if (expression === undefined) throw resourceNotFound(`Filter ${filterArn} does not exist.`);
  const parsed = parseFilterExpression(expression);
  if (!parsed.supported) {
    throw invalidInput(
      `filterArn: the local recommender cannot apply the expression of ${filterArn} (${expression}): ${parsed.problem}`,
    );
  }
  const { condition } = parsed;
  if ("literal" in condition.values) return { condition, values: condition.values.literal };
  const name = condition.values.parameter;
  const given = filterValues[name];
  if (given === undefined) {
    if (condition.action === "EXCLUDE") return undefined;
    throw invalidInput(`filterValues: the filter's expression needs a value for ${name}`);
  }
  const values = parseFilterValue(given);
  if (!values) {
    throw invalidInput(
      `filterValues.${name}: must be JSON-quoted strings separated by commas, e.g. "\\"a\\",\\"b\\""`,
    );
  }
  return { condition, values };
}
