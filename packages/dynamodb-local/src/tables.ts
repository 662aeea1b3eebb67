import {
  type AttributeDefinition,
  CreateTableCommand,
  type CreateTableCommandInput,
  type DynamoDBClient,
  type KeySchemaElement,
  UpdateTimeToLiveCommand,
} from "@aws-sdk/client-dynamodb";
import {
  type KeyAttribute,
  TABLE_KEYS,
  TABLES,
  type TableDefinition,
  type TableKey,
  tableName,
} from "@personalize-ab/domain";

export type TableNames = Record<TableKey, string>;

function keySchema(partitionKey: KeyAttribute, sortKey?: KeyAttribute): KeySchemaElement[] {
  return [
    { AttributeName: partitionKey.name, KeyType: "HASH" },
    ...(sortKey ? [{ AttributeName: sortKey.name, KeyType: "RANGE" as const }] : []),
  ];
}

/** The CreateTable input for a catalog table: the same keys, indexes and stream as infra emits. */
export function createTableInput(name: string, table: TableDefinition): CreateTableCommandInput {
  const attributes = new Map<string, AttributeDefinition>();
  const indexes = [...(table.globalIndexes ?? []), ...(table.localIndexes ?? [])];
  for (const key of [
    table.partitionKey,
    table.sortKey,
    ...indexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ]) {
    if (key) attributes.set(key.name, { AttributeName: key.name, AttributeType: key.type });
  }
  const projection = { ProjectionType: "ALL" as const };
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: [...attributes.values()],
    KeySchema: keySchema(table.partitionKey, table.sortKey),
    ...(table.globalIndexes?.length && {
      GlobalSecondaryIndexes: table.globalIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: projection,
      })),
    }),
    ...(table.localIndexes?.length && {
      LocalSecondaryIndexes: table.localIndexes.map((index) => ({
        IndexName: index.name,
        KeySchema: keySchema(index.partitionKey, index.sortKey),
        Projection: projection,
      })),
    }),
    ...(table.stream && { StreamSpecification: { StreamEnabled: true, StreamViewType: table.stream } }),
  };
}

/** Creates every catalog table under `prefix`; tables that already exist are left as they are. */
export async function createCatalogTables(client: DynamoDBClient, prefix: string): Promise<TableNames> {
  const names = Object.fromEntries(TABLE_KEYS.map((key) => [key, tableName(prefix, key)])) as TableNames;
  await Promise.all(
    TABLE_KEYS.map(async (key) => {
      const table: TableDefinition = TABLES[key];
      try {
        await client.send(new CreateTableCommand(createTableInput(names[key], table)));
      } catch (error) {
        if ((error as Error).name === "ResourceInUseException") return;
        throw error;
      }
      if (table.ttlAttribute) {
        await client.send(
          new UpdateTimeToLiveCommand({
            TableName: names[key],
            TimeToLiveSpecification: { AttributeName: table.ttlAttribute, Enabled: true },
          }),
        );
      }
    }),
  );
  return names;
}

/** The environment variables through which functions receive these table names. */
export function tableEnvironment(names: TableNames): Record<string, string> {
  return Object.fromEntries(TABLE_KEYS.map((key) => [TABLES[key].envVar, names[key]]));
}
