/**
 * The Avro schemas of the three Personalize datasets, declared once: infra emits them as
 * `awscc_personalize_schema`, the sample-data generator writes CSVs in their column order, and the
 * local recommender trains from rows of their shape.
 */
export type AvroPrimitive = "string" | "int" | "long" | "float" | "double" | "boolean";

export interface PersonalizeSchemaField {
  readonly name: string;
  /** A nullable field is the union `["null", <type>]`, as Avro spells it. */
  readonly type: AvroPrimitive | readonly ["null", AvroPrimitive];
  /** Personalize treats a categorical string as a set of labels rather than free text. */
  readonly categorical?: true;
}

export interface PersonalizeSchema {
  readonly type: "record";
  readonly name: string;
  readonly namespace: "com.amazonaws.personalize.schema";
  readonly fields: readonly PersonalizeSchemaField[];
  readonly version: "1.0";
}

const NAMESPACE = "com.amazonaws.personalize.schema";

export const INTERACTIONS_SCHEMA = {
  type: "record",
  name: "Interactions",
  namespace: NAMESPACE,
  fields: [
    { name: "USER_ID", type: "string" },
    { name: "ITEM_ID", type: "string" },
    { name: "EVENT_TYPE", type: "string" },
    // Epoch seconds, as Personalize requires for TIMESTAMP.
    { name: "TIMESTAMP", type: "long" },
    // Nullable: events forwarded by the tracker may carry no value.
    { name: "EVENT_VALUE", type: ["null", "float"] },
  ],
  version: "1.0",
} as const satisfies PersonalizeSchema;

/**
 * The recipe's items.csv has CREATION_DATE as 'YYYY-MM-DD'. Personalize reserves
 * CREATION_TIMESTAMP (long, epoch seconds) for an item's age, which its recipes use for cold-start
 * and recency, and accepts a string metadata field only as categorical or textual, which a date is
 * not. So the dataset carries CREATION_TIMESTAMP; the DynamoDB items table keeps the recipe's
 * CreationDate attribute, derived from the same instant.
 */
export const ITEMS_SCHEMA = {
  type: "record",
  name: "Items",
  namespace: NAMESPACE,
  fields: [
    { name: "ITEM_ID", type: "string" },
    { name: "CATEGORY", type: "string", categorical: true },
    { name: "PRICE", type: "float" },
    { name: "BRAND", type: "string", categorical: true },
    { name: "CREATION_TIMESTAMP", type: "long" },
  ],
  version: "1.0",
} as const satisfies PersonalizeSchema;

export const USERS_SCHEMA = {
  type: "record",
  name: "Users",
  namespace: NAMESPACE,
  fields: [
    { name: "USER_ID", type: "string" },
    { name: "AGE", type: "int" },
    { name: "GENDER", type: "string", categorical: true },
    { name: "SUBSCRIPTION_TYPE", type: "string", categorical: true },
  ],
  version: "1.0",
} as const satisfies PersonalizeSchema;

export const PERSONALIZE_SCHEMAS = {
  interactions: INTERACTIONS_SCHEMA,
  items: ITEMS_SCHEMA,
  users: USERS_SCHEMA,
} as const;

export type DatasetType = keyof typeof PERSONALIZE_SCHEMAS;
export const DATASET_TYPES = Object.keys(PERSONALIZE_SCHEMAS) as DatasetType[];

/** The column names of a dataset, as a union of string literals. */
export type DatasetColumn<D extends DatasetType> = (typeof PERSONALIZE_SCHEMAS)[D]["fields"][number]["name"];

/** The CSV header of a dataset: its schema's fields, in order. */
export function csvColumns<D extends DatasetType>(dataset: D): DatasetColumn<D>[] {
  const fields: readonly PersonalizeSchemaField[] = PERSONALIZE_SCHEMAS[dataset].fields;
  return fields.map((field) => field.name as DatasetColumn<D>);
}

/** The schema as the JSON string Personalize's CreateSchema (and awscc's `schema`) takes. */
export function schemaJson(dataset: DatasetType): string {
  return JSON.stringify(PERSONALIZE_SCHEMAS[dataset]);
}

/** File name of each dataset's CSV, in a local folder and under the S3 training-data prefix. */
export const DATASET_CSV_FILES = {
  interactions: "interactions.csv",
  items: "items.csv",
  users: "users.csv",
} as const satisfies Record<DatasetType, string>;

/** S3 key prefix under which the training pipeline finds the dataset CSVs. */
export const TRAINING_DATA_PREFIX = "training-data/";
