import { csvColumns, DATASET_TYPES, PERSONALIZE_SCHEMAS } from "@personalize-ab/domain";
import avro from "avsc";
import { describe, expect, it } from "vitest";
import { formatCsv, parseCsv } from "../src/csv";
import { fromDatasetCsvs, toDatasetCsvs } from "../src/dataset-csv";
import { generateSampleData } from "../src/generate-sample-data";

const data = generateSampleData();
const csvs = toDatasetCsvs(data);

/** A CSV row as the Avro record Personalize would import it: numbers typed by the schema. */
function avroRecord(dataset: (typeof DATASET_TYPES)[number], header: string[], row: string[]) {
  const fields = PERSONALIZE_SCHEMAS[dataset].fields as readonly { name: string; type: unknown }[];
  return Object.fromEntries(
    header.map((column, index) => {
      const type = fields.find((field) => field.name === column)!.type;
      const base = Array.isArray(type) ? type[1] : type;
      const value = row[index]!;
      return [column, base === "string" ? value : Number(value)];
    }),
  );
}

describe("dataset CSVs", () => {
  it.each(DATASET_TYPES)("%s.csv has its schema's columns as header, in order", (dataset) => {
    const header = csvs[dataset].slice(0, csvs[dataset].indexOf("\n"));
    expect(header).toBe(csvColumns(dataset).join(","));
  });

  it.each(DATASET_TYPES)("every %s row is a valid record of its Avro schema", (dataset) => {
    const type = avro.Type.forSchema(JSON.parse(JSON.stringify(PERSONALIZE_SCHEMAS[dataset])));
    const [header, ...rows] = parseCsv(csvs[dataset]);
    const invalid = rows.filter((row) => !type.isValid(avroRecord(dataset, header!, row)));
    expect(rows.length).toBe(data[dataset].length);
    expect(invalid).toEqual([]);
  });

  it("writes the recipe's values: event values with one decimal, prices with two", () => {
    expect(csvs.interactions).toMatch(/^user_\d{5},item_\d{5},purchase,\d{10},1\.0$/m);
    expect(csvs.interactions).toMatch(/^user_\d{5},item_\d{5},add_to_cart,\d{10},0\.5$/m);
    expect(csvs.interactions).toMatch(/^user_\d{5},item_\d{5},view,\d{10},0\.1$/m);
    expect(csvs.items).toMatch(/^item_\d{5},[a-z]+,\d+\.\d{2},brand_\d+,\d{10}$/m);
  });

  it("reads back exactly what it wrote", () => {
    expect(fromDatasetCsvs(csvs)).toEqual(data);
  });

  it("names the file, line and column of a bad value", () => {
    const broken = csvs.items.replace(/^(item_00001,[a-z]+,)[0-9.]+/m, "$1abc");
    expect(() => fromDatasetCsvs({ ...csvs, items: broken })).toThrow(
      'items.csv line 3: PRICE must be a number, got "abc"',
    );
    expect(() => fromDatasetCsvs({ ...csvs, users: "USER_ID,AGE\nuser_1,3\n" })).toThrow(
      "users.csv: header must be USER_ID,AGE,GENDER,SUBSCRIPTION_TYPE",
    );
  });

  it("quotes fields holding commas, quotes and line breaks, and parses them back", () => {
    const rows = [
      ["a,b", 'say "hi"', "two\nlines"],
      ["plain", "", "x"],
    ];
    const text = formatCsv(["A", "B", "C"], rows);
    expect(text).toBe('A,B,C\n"a,b","say ""hi""","two\nlines"\nplain,,x\n');
    expect(parseCsv(text)).toEqual([["A", "B", "C"], ...rows]);
  });
});
