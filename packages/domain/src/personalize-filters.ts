import { INTERACTIONS_SCHEMA, ITEMS_SCHEMA } from "./personalize-schemas";

/**
 * The Personalize filters the platform offers, declared once: the training pipeline creates them
 * (CreateFilter) in the dataset group, the recommendations request names one (`filter`, with
 * `filter_values` for its `$PARAMETERS`), and the local recommender applies the same expressions.
 */
export const PERSONALIZE_FILTERS = {
  /** Never recommend what the user already bought. */
  "exclude-purchased": { expression: 'EXCLUDE ItemID WHERE Interactions.EVENT_TYPE IN ("purchase")' },
  /** Only items of the given categories, e.g. on a category page. */
  category: { expression: "INCLUDE ItemID WHERE Items.CATEGORY IN ($CATEGORY)" },
} as const satisfies Record<string, { readonly expression: string }>;

export type FilterName = keyof typeof PERSONALIZE_FILTERS;
export const FILTER_NAMES = Object.keys(PERSONALIZE_FILTERS) as [FilterName, ...FilterName[]];

/** The one-condition expressions the local recommender evaluates (and the platform declares). */
export interface FilterCondition {
  readonly action: "INCLUDE" | "EXCLUDE";
  readonly dataset: "Items" | "Interactions";
  /** A column of that dataset's schema, e.g. CATEGORY or EVENT_TYPE. */
  readonly field: string;
  /** Literal values, or the placeholder whose request values stand here. */
  readonly values: { readonly literal: readonly string[] } | { readonly parameter: string };
}

export type ParsedFilter =
  | { readonly supported: true; readonly condition: FilterCondition }
  | { readonly supported: false; readonly problem: string };

const DATASET_COLUMNS: Readonly<Record<FilterCondition["dataset"], readonly string[]>> = {
  Items: ITEMS_SCHEMA.fields.map((field) => field.name),
  // The user's own events by type: what "exclude purchased" needs, and all the local recommender reads.
  Interactions: INTERACTIONS_SCHEMA.fields.map((field) => field.name).filter((name) => name === "EVENT_TYPE"),
};

// ItemID and ItemId are both accepted by Personalize; strings are double-quoted.
const ONE_CONDITION =
  /^\s*(INCLUDE|EXCLUDE)\s+ItemI[Dd]\s+WHERE\s+(Items|Interactions)\.([A-Z_][A-Z0-9_]*)\s+IN\s+\(\s*(\$[A-Za-z][A-Za-z0-9_]*|"(?:[^"\\]|\\.)*"(?:\s*,\s*"(?:[^"\\]|\\.)*")*)\s*\)\s*$/;

/**
 * Parses the subset of Personalize's filter language the local recommender supports: one
 * `INCLUDE|EXCLUDE ItemID WHERE <Items|Interactions>.<FIELD> IN (<values or $PARAM>)`. Anything
 * else (combined conditions, comparisons, CurrentItem, Users) is unsupported, with the reason.
 */
export function parseFilterExpression(expression: string): ParsedFilter {
  const match = ONE_CONDITION.exec(expression);
  if (!match) {
    return {
      supported: false,
      problem:
        "only one condition of the form INCLUDE|EXCLUDE ItemID WHERE Items|Interactions.FIELD IN (...) is supported",
    };
  }
  const [, action, dataset, field, list] = match as unknown as [
    string,
    "INCLUDE" | "EXCLUDE",
    FilterCondition["dataset"],
    string,
    string,
  ];
  if (!DATASET_COLUMNS[dataset].includes(field)) {
    return { supported: false, problem: `${dataset}.${field} cannot be filtered on` };
  }
  const values = list.startsWith("$")
    ? { parameter: list.slice(1) }
    : { literal: JSON.parse(`[${list}]`) as string[] };
  return { supported: true, condition: { action, dataset, field, values } };
}

/** The `$PARAMETERS` of an expression, in order of appearance. */
export function filterParameters(expression: string): string[] {
  return [...new Set([...expression.matchAll(/\$([A-Za-z][A-Za-z0-9_]*)/g)].map((match) => match[1]!))];
}

/** Personalize's `filterValues`: each parameter's values JSON-quoted and comma-separated. */
export function personalizeFilterValues(
  values: Readonly<Record<string, readonly string[]>>,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([name, list]) => [
      name,
      list.map((value) => JSON.stringify(value)).join(","),
    ]),
  );
}

/** The values of a `filterValues` entry, or undefined when it is not Personalize's format. */
export function parseFilterValue(value: string): string[] | undefined {
  try {
    const parsed: unknown = JSON.parse(`[${value}]`);
    if (Array.isArray(parsed) && parsed.length > 0 && parsed.every((entry) => typeof entry === "string")) {
      return parsed;
    }
  } catch {
    // Not a list of JSON strings.
  }
  return undefined;
}

/** Whether a filter keeps only some categories, so that what is popular is popular within them. */
export function keepsCategories(filter: FilterName): boolean {
  const parsed = parseFilterExpression(PERSONALIZE_FILTERS[filter].expression);
  return (
    parsed.supported &&
    parsed.condition.action === "INCLUDE" &&
    parsed.condition.dataset === "Items" &&
    parsed.condition.field === "CATEGORY"
  );
}

/** A filter's one condition with the values it applies to, literal or given in the request. */
export interface ResolvedFilter {
  readonly condition: FilterCondition;
  readonly values: readonly string[];
}

/** What a filter condition reads about the requesting user and the candidate items. */
export interface FilterSubject<Item> {
  /** The items the user had an event of one of these types with. */
  itemsWithEventTypes(eventTypes: ReadonlySet<string>): ReadonlySet<Item>;
  /** An item's Items dataset row (by column name), if the catalog has it. */
  fieldsOf(item: Item): Readonly<Record<string, string>> | undefined;
}

/** Personalize separates the values of a multi-valued categorical field with "|". */
const CATEGORICAL_SEPARATOR = "|";

/**
 * Whether an item passes the filter, as Personalize evaluates the condition: an Interactions
 * condition matches the items the user had an event of those types with, an Items condition the
 * items whose field holds one of the values. INCLUDE keeps the matches, EXCLUDE drops them.
 */
export function keepByFilter<Item>(
  filter: ResolvedFilter,
  subject: FilterSubject<Item>,
): (item: Item) => boolean {
  const { action, dataset, field } = filter.condition;
  const values = new Set(filter.values);
  let matches: (item: Item) => boolean;
  if (dataset === "Interactions") {
    const matched = subject.itemsWithEventTypes(values);
    matches = (item) => matched.has(item);
  } else {
    matches = (item) =>
      (subject.fieldsOf(item)?.[field] ?? "").split(CATEGORICAL_SEPARATOR).some((value) => values.has(value));
  }
  return action === "INCLUDE" ? matches : (item) => !matches(item);
}

/** A declared filter with the request's values; a declared expression is always supported. */
export function resolveDeclaredFilter(
  filter: FilterName,
  values: Readonly<Record<string, readonly string[]>> = {},
): ResolvedFilter {
  const parsed = parseFilterExpression(PERSONALIZE_FILTERS[filter].expression);
  if (!parsed.supported) throw new Error(`declared filter ${filter} is unsupported: ${parsed.problem}`);
  const { condition } = parsed;
  const given = "literal" in condition.values ? condition.values.literal : values[condition.values.parameter];
  return { condition, values: given ?? [] };
}
