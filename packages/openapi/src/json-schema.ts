import type * as z from "zod/mini";
import { toJSONSchema } from "zod/v4/core";

export type JsonSchema = Record<string, unknown>;

/**
 * A zod/mini schema as JSON Schema 2020-12, the dialect of OpenAPI 3.1: a request as the client
 * sends it (defaults optional), a response as the API answers it.
 */
export function jsonSchemaOf(schema: z.ZodMiniType, io: "input" | "output"): JsonSchema {
  // Refinements (well-formed Unicode, sums of weights) have no JSON Schema form; the server checks them.
  const { $schema: _dialect, ...rest } = toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
  }) as JsonSchema;
  return rest;
}
