import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { TABLES } from "@personalize-ab/domain";
import { batchGetItems } from "./batch-get";
import type { BackoffOptions } from "./resend-unprocessed";

/** What enrichment shows of an item: the recipe's items-table attributes. */
export interface ItemMetadata {
  readonly category: string | null;
  readonly price: number | null;
  readonly brand: string | null;
}

const KEY = TABLES.items.partitionKey.name;

function metadataOf(item: Record<string, unknown>): ItemMetadata {
  const { Category, Price, Brand } = item;
  const price = typeof Price === "number" ? Price : Number(Price);
  return {
    category: typeof Category === "string" ? Category : null,
    price: Price === undefined || !Number.isFinite(price) ? null : price,
    brand: typeof Brand === "string" ? Brand : null,
  };
}

/** Item metadata for enrichment, read by BatchGetItem: never one GetItem per item. */
export class ItemCatalog {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tableName: string,
    private readonly backoff: BackoffOptions = {},
  ) {}

  /** Metadata of each id found; ids the table does not hold are absent from the map. */
  async findMany(itemIds: readonly string[]): Promise<Map<string, ItemMetadata>> {
    const keys = [...new Set(itemIds)].map((id) => ({ [KEY]: id }));
    const found = new Map<string, ItemMetadata>();
    const items = await batchGetItems(this.documents, this.tableName, keys, { backoff: this.backoff });
    for (const item of items) found.set(String(item[KEY]), metadataOf(item));
    return found;
  }
}
