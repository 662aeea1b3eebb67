import { describe, expect, it } from "vitest";
import {
  csvColumns,
  DATASET_TYPES,
  PERSONALIZE_SCHEMAS,
  type PersonalizeSchemaField,
  schemaJson,
} from "../src/personalize-schemas";

const AVRO_PRIMITIVES = ["string", "int", "long", "float", "double", "boolean"];

/** Personalize's reserved fields per dataset, with the Avro types it accepts for them. */
const REQUIRED_FIELDS = {
  interactions: { USER_ID: "string", ITEM_ID: "string", TIMESTAMP: "long" },
  items: { ITEM_ID: "string" },
  users: { USER_ID: "string" },
} as const;

const baseType = (field: PersonalizeSchemaField) =>
  typeof field.type === "string" ? field.type : field.type[1];

describe("Personalize dataset schemas", () => {
  it.each(DATASET_TYPES)("%s is an Avro record in Personalize's namespace and version", (dataset) => {
    const schema = JSON.parse(schemaJson(dataset));
    expect(schema).toMatchObject({
      type: "record",
      namespace: "com.amazonaws.personalize.schema",
      version: "1.0",
    });
    expect(schema.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
    const names = schema.fields.map((field: { name: string }) => field.name);
    expect(new Set(names).size).toBe(names.length);
    for (const field of schema.fields as PersonalizeSchemaField[]) {
      expect(field.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]*$/);
      expect(AVRO_PRIMITIVES).toContain(baseType(field));
      if (typeof field.type !== "string") expect(field.type[0]).toBe("null");
      // Personalize rejects a string metadata field that is neither categorical nor textual.
      if (baseType(field) === "string" && !/_ID$/.test(field.name) && field.name !== "EVENT_TYPE") {
        expect(field.categorical, field.name).toBe(true);
      }
    }
  });

  it.each(DATASET_TYPES)("%s has Personalize's required fields with their types", (dataset) => {
    const fields = new Map<string, PersonalizeSchemaField>(
      PERSONALIZE_SCHEMAS[dataset].fields.map((field) => [field.name, field]),
    );
    for (const [name, type] of Object.entries(REQUIRED_FIELDS[dataset])) {
      expect(fields.get(name)?.type, name).toBe(type);
    }
  });

  it("gives items their creation time as CREATION_TIMESTAMP in epoch seconds (long)", () => {
    const creation = PERSONALIZE_SCHEMAS.items.fields.find((field) => field.name.startsWith("CREATION"));
    expect(creation).toEqual({ name: "CREATION_TIMESTAMP", type: "long" });
  });

  it("derives each CSV header from the schema's field order", () => {
    expect(csvColumns("interactions")).toEqual([
      "USER_ID",
      "ITEM_ID",
      "EVENT_TYPE",
      "TIMESTAMP",
      "EVENT_VALUE",
    ]);
    expect(csvColumns("items")).toEqual(["ITEM_ID", "CATEGORY", "PRICE", "BRAND", "CREATION_TIMESTAMP"]);
    expect(csvColumns("users")).toEqual(["USER_ID", "AGE", "GENDER", "SUBSCRIPTION_TYPE"]);
  });
});
