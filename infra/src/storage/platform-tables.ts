import { TABLE_KEYS, TABLES, type TableDefinition, type TableKey, tableName } from "@personalize-ab/domain";
import { Construct } from "constructs";
import { DynamodbTable } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";

/** Every table of the TABLES catalog, on-demand, encrypted, with point-in-time recovery. */
export class PlatformTables extends Construct {
  readonly byKey: Readonly<Record<TableKey, DynamodbTable>>;

  constructor(scope: Construct, id: string, config: EnvironmentConfig) {
    super(scope, id);
    const byKey = {} as Record<TableKey, DynamodbTable>;
    for (const key of TABLE_KEYS) {
      const definition: TableDefinition = TABLES[key];
      byKey[key] = new DynamodbTable(this, key, {
        name: tableName(config.namePrefix, key),
        billingMode: "PAY_PER_REQUEST",
        hashKey: definition.partitionKey.name,
        rangeKey: definition.sortKey?.name,
        attribute: keyAttributes(definition),
        globalSecondaryIndex: definition.globalIndexes?.map((index) => ({
          name: index.name,
          hashKey: index.partitionKey.name,
          rangeKey: index.sortKey?.name,
          projectionType: "ALL",
        })),
        localSecondaryIndex: definition.localIndexes?.map((index) => ({
          name: index.name,
          rangeKey: requiredSortKey(index.name, index.sortKey?.name),
          projectionType: "ALL",
        })),
        serverSideEncryption: { enabled: true },
        pointInTimeRecovery: { enabled: true },
        deletionProtectionEnabled: config.deletionProtection,
        streamEnabled: definition.stream !== undefined,
        streamViewType: definition.stream,
        ttl: definition.ttlAttribute ? { attributeName: definition.ttlAttribute, enabled: true } : undefined,
      });
    }
    this.byKey = byKey;
  }
}

/** DynamoDB wants each key attribute of the table and its indexes declared exactly once. */
function keyAttributes(definition: TableDefinition): { name: string; type: string }[] {
  const indexes = [...(definition.globalIndexes ?? []), ...(definition.localIndexes ?? [])];
  const keys = [
    definition.partitionKey,
    definition.sortKey,
    ...indexes.flatMap((index) => [index.partitionKey, index.sortKey]),
  ];
  const byName = new Map<string, string>();
  for (const key of keys) {
    if (!key) continue;
    const known = byName.get(key.name);
    if (known !== undefined && known !== key.type) {
      throw new Error(`Key attribute ${key.name} is declared both ${known} and ${key.type}`);
    }
    byName.set(key.name, key.type);
  }
  return [...byName].map(([name, type]) => ({ name, type }));
}

function requiredSortKey(indexName: string, sortKey: string | undefined): string {
  if (!sortKey) throw new Error(`Local index ${indexName} needs a sort key`);
  return sortKey;
}

/** ARNs a Query may touch: the table and each of its indexes. */
export function indexArns(table: DynamodbTable, definition: TableDefinition): string[] {
  const names = [...(definition.globalIndexes ?? []), ...(definition.localIndexes ?? [])].map((i) => i.name);
  return names.map((name) => `${table.arn}/index/${name}`);
}
