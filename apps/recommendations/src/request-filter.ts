import {
  type FilterName,
  keepsCategories,
  personalizeFilterValues,
  type RecommendationRequest,
  type ResolvedFilter,
  resolveDeclaredFilter,
  type Variant,
} from "@personalize-ab/domain";

export interface RequestFilter {
  readonly name: FilterName;
  /** Each parameter's values, as lists. */
  readonly values: Readonly<Record<string, readonly string[]>>;
  /** The filter's condition with these values, for applying it where Personalize does not. */
  readonly resolved: ResolvedFilter;
  /** The values in Personalize's format, for GetRecommendations. */
  readonly personalizeValues: Readonly<Record<string, string>>;
  readonly keepsCategories: boolean;
}

function chosenFilter(
  name: FilterName,
  given: Readonly<Record<string, string | readonly string[]>> = {},
): RequestFilter {
  const values = Object.fromEntries(
    Object.entries(given).map(([parameter, value]) => [parameter, [value].flat()]),
  );
  return {
    name,
    values,
    resolved: resolveDeclaredFilter(name, values),
    personalizeValues: personalizeFilterValues(values),
    keepsCategories: keepsCategories(name),
  };
}

/**
 * The filter a request is served with by a variant (both validated by their contracts): the
 * request's own `filter` and `filter_values`, else the variant's `filter`, else none. Personalize
 * takes one filter per call, so a request's filter replaces the variant's rather than adding to it.
 */
export function filterFor(request: RecommendationRequest, variant: Variant): RequestFilter | undefined {
  if (request.filter !== undefined) return chosenFilter(request.filter, request.filter_values);
  if (variant.filter !== undefined) return chosenFilter(variant.filter.name, variant.filter.values);
  return undefined;
}
