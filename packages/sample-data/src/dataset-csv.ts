import { csvColumns, type DatasetColumn, type DatasetType } from "@personalize-ab/domain";
import { formatCsv, parseCsv } from "./csv";
import type { Interaction, SampleData, SampleItem, SampleUser } from "./sample-records";

/** How one record maps to and from the columns of its dataset; keyed by the schema's column names. */
interface DatasetCodec<D extends DatasetType, R> {
  readonly format: Record<DatasetColumn<D>, (record: R) => string>;
  readonly parse: (fields: Record<DatasetColumn<D>, string>, read: NumberReader) => R;
}

type NumberReader = (column: string, value: string) => number;

const usersCodec: DatasetCodec<"users", SampleUser> = {
  format: {
    USER_ID: (user) => user.userId,
    AGE: (user) => String(user.age),
    GENDER: (user) => user.gender,
    SUBSCRIPTION_TYPE: (user) => user.subscriptionType,
  },
  parse: (fields, read) => ({
    userId: fields.USER_ID,
    age: read("AGE", fields.AGE),
    gender: fields.GENDER,
    subscriptionType: fields.SUBSCRIPTION_TYPE,
  }),
};

const itemsCodec: DatasetCodec<"items", SampleItem> = {
  format: {
    ITEM_ID: (item) => item.itemId,
    CATEGORY: (item) => item.category,
    PRICE: (item) => item.price.toFixed(2),
    BRAND: (item) => item.brand,
    CREATION_TIMESTAMP: (item) => String(item.creationTimestamp),
  },
  parse: (fields, read) => ({
    itemId: fields.ITEM_ID,
    category: fields.CATEGORY,
    price: read("PRICE", fields.PRICE),
    brand: fields.BRAND,
    creationTimestamp: read("CREATION_TIMESTAMP", fields.CREATION_TIMESTAMP),
  }),
};

const interactionsCodec: DatasetCodec<"interactions", Interaction> = {
  format: {
    USER_ID: (event) => event.userId,
    ITEM_ID: (event) => event.itemId,
    EVENT_TYPE: (event) => event.eventType,
    TIMESTAMP: (event) => String(event.timestamp),
    EVENT_VALUE: (event) => event.eventValue.toFixed(1),
  },
  parse: (fields, read) => ({
    userId: fields.USER_ID,
    itemId: fields.ITEM_ID,
    eventType: fields.EVENT_TYPE,
    timestamp: read("TIMESTAMP", fields.TIMESTAMP),
    eventValue: read("EVENT_VALUE", fields.EVENT_VALUE),
  }),
};

function toCsv<D extends DatasetType, R>(
  dataset: D,
  codec: DatasetCodec<D, R>,
  records: readonly R[],
): string {
  const columns = csvColumns(dataset);
  return formatCsv(
    columns,
    records.map((record) => columns.map((column) => codec.format[column](record))),
  );
}

function fromCsv<D extends DatasetType, R>(dataset: D, codec: DatasetCodec<D, R>, text: string): R[] {
  const columns = csvColumns(dataset);
  const [header, ...rows] = parseCsv(text);
  if (header?.join(",") !== columns.join(",")) {
    throw new Error(
      `${dataset}.csv: header must be ${columns.join(",")}, got ${header?.join(",") ?? "nothing"}`,
    );
  }
  return rows.map((row, index) => {
    const line = index + 2;
    if (row.length !== columns.length) {
      throw new Error(`${dataset}.csv line ${line}: expected ${columns.length} fields, got ${row.length}`);
    }
    const fields = Object.fromEntries(columns.map((column, at) => [column, row[at]!]));
    const read: NumberReader = (column, value) => {
      const number = Number(value);
      if (value.trim() === "" || !Number.isFinite(number)) {
        throw new Error(`${dataset}.csv line ${line}: ${column} must be a number, got "${value}"`);
      }
      return number;
    };
    return codec.parse(fields as Record<DatasetColumn<D>, string>, read);
  });
}

export type DatasetCsvs = Record<DatasetType, string>;

/** The three dataset CSVs, columns in schema order. */
export function toDatasetCsvs(data: SampleData): DatasetCsvs {
  return {
    users: toCsv("users", usersCodec, data.users),
    items: toCsv("items", itemsCodec, data.items),
    interactions: toCsv("interactions", interactionsCodec, data.interactions),
  };
}

/** Reads the three dataset CSVs back; throws naming the file, line and column of a bad value. */
export function fromDatasetCsvs(csvs: DatasetCsvs): SampleData {
  return {
    users: fromCsv("users", usersCodec, csvs.users),
    items: fromCsv("items", itemsCodec, csvs.items),
    interactions: fromCsv("interactions", interactionsCodec, csvs.interactions),
  };
}

/** An item as its Items dataset row, by column name: what Personalize filters on Items read. */
export function itemDatasetRow(item: SampleItem): Record<DatasetColumn<"items">, string> {
  const columns = csvColumns("items");
  return Object.fromEntries(columns.map((column) => [column, itemsCodec.format[column](item)])) as Record<
    DatasetColumn<"items">,
    string
  >;
}
