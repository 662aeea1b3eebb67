import type { ItemMetadata } from "@personalize-ab/adapters";
import { logger } from "@personalize-ab/adapters/powertools";
import { keepByFilter } from "@personalize-ab/domain";
import { catalog, history } from "./clients";
import type { RequestFilter } from "./request-filter";

/** The items table's attributes as the Items dataset columns a filter names. */
function datasetFields(metadata: ItemMetadata | undefined): Record<string, string> | undefined {
  if (!metadata) return undefined;
  return {
    ...(metadata.category !== null && { CATEGORY: metadata.category }),
    ...(metadata.brand !== null && { BRAND: metadata.brand }),
  };
}

/**
 * The popular list with the request's filter applied here, as Personalize would have applied it:
 * Items conditions on the catalog's metadata, Interactions conditions on the user's events of
 * those types. Only when the fallback serves a filtered request.
 */
export async function filterPopularItems(
  popularItems: readonly string[],
  filter: RequestFilter,
  userId: string,
  numResults: number,
): Promise<string[]> {
  const { condition, values } = filter.resolved;
  let interacted = new Set<string>();
  let metadata = new Map<string, ItemMetadata>();
  if (condition.dataset === "Interactions") {
    const found = await history.itemsWithEventTypes(userId, values);
    if (!found.complete)
      logger.warn("user history beyond the page cap; filter applied to its newest part", { userId });
    interacted = found.items;
  } else {
    metadata = await catalog.findMany(popularItems);
  }
  const keep = keepByFilter(filter.resolved, {
    itemsWithEventTypes: () => interacted,
    fieldsOf: (itemId: string) => datasetFields(metadata.get(itemId)),
  });
  return popularItems.filter(keep).slice(0, numResults);
}
