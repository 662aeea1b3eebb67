import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { type BatchWriteOptions, type BatchWriteResult, batchWriteAll } from "./batch-write";
import { itemRecord, userRecord } from "./catalog-records";
import { createProgress, type ProgressStream } from "./progress";
import type { SampleItem, SampleUser } from "./sample-records";

export interface CatalogTables {
  readonly usersTable: string;
  readonly itemsTable: string;
}

export interface LoadCatalogOptions extends Omit<BatchWriteOptions, "onProgress"> {
  /** Where the progress bar (or progress lines) go; `null` for silence. */
  readonly progress?: ProgressStream | null;
}

/** Loads users and items into their tables, as the recipe's loader does, with batched writes. */
export async function loadCatalog(
  client: DynamoDBDocumentClient,
  tables: CatalogTables,
  data: { readonly users: readonly SampleUser[]; readonly items: readonly SampleItem[] },
  options: LoadCatalogOptions = {},
): Promise<{ users: BatchWriteResult; items: BatchWriteResult }> {
  const { progress: stream = process.stderr, ...writeOptions } = options;
  const load = async (label: string, table: string, records: Record<string, unknown>[]) => {
    const progress = stream ? createProgress(label, records.length, stream) : undefined;
    const result = await batchWriteAll(client, table, records, {
      ...writeOptions,
      onProgress: (written) => progress?.update(written),
    });
    progress?.finish();
    return result;
  };
  const users = await load(
    "users",
    tables.usersTable,
    data.users.map((user) => ({ ...userRecord(user) })),
  );
  const items = await load(
    "items",
    tables.itemsTable,
    data.items.map((item) => ({ ...itemRecord(item) })),
  );
  return { users, items };
}
