import { isAlreadyExists } from "./errors";

/** The first item across a paginator's pages that matches, without reading further pages. */
export async function findInPages<Page, Item>(
  pages: AsyncIterable<Page>,
  itemsOf: (page: Page) => readonly Item[] | undefined,
  matches: (item: Item) => boolean,
): Promise<Item | undefined> {
  for await (const page of pages) {
    const found = itemsOf(page)?.find(matches);
    if (found) return found;
  }
  return undefined;
}

/** An "already exists" answer whose resource we then cannot find is a contradiction worth failing on. */
export class ExistingResourceNotFoundError extends Error {
  override name = "ExistingResourceNotFoundError";
}

/**
 * Creates a named resource, or finds the one a previous run created: Personalize answers a second
 * create with ResourceAlreadyExistsException, which makes every create action safe to run twice.
 */
export async function createOrFind<T>(
  what: string,
  create: () => Promise<T>,
  find: () => Promise<T | undefined>,
): Promise<{ value: T; created: boolean }> {
  try {
    return { value: await create(), created: true };
  } catch (error) {
    if (!isAlreadyExists(error)) throw error;
  }
  const existing = await find();
  if (existing === undefined) throw new ExistingResourceNotFoundError(`${what} exists but was not found`);
  return { value: existing, created: false };
}
