import { ROUTES, routeKey } from "@personalize-ab/domain";
import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { ERROR_STATUSES } from "../src/error-responses";
import { openApiDocument } from "../src/openapi-document";
import { ROUTE_CONTRACTS } from "../src/route-contracts";

const document = openApiDocument({ serverUrl: "http://127.0.0.1:3000" });

describe("the OpenAPI document", () => {
  it("validates against the OpenAPI 3.1 schema", async () => {
    const validator = new Validator();
    const result = await validator.validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(validator.version).toBe("3.1");
  });

  it("is refused by the validator when an operation is malformed (the check can fail)", async () => {
    const broken = structuredClone(document);
    // OpenAPI 2's body parameter does not exist in 3.x.
    broken.paths["/assignments"]!.post!.parameters = [{ name: "payload", in: "body", schema: {} }];
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });

  it("has one operation per catalog route, and nothing else", () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.keys(methods).map((method) => `${method.toUpperCase()} ${path}`),
    );
    expect(operations.sort()).toEqual(ROUTES.map(routeKey).sort());
  });

  it("documents every error status in the error shape on every operation", () => {
    for (const methods of Object.values(document.paths)) {
      for (const operation of Object.values(methods)) {
        const responses = operation.responses as Record<string, { content: Record<string, unknown> }>;
        for (const { status } of ERROR_STATUSES) {
          expect(responses[String(status)]?.content["application/json"]).toMatchObject({
            schema: { $ref: "#/components/schemas/ErrorResponse" },
          });
        }
      }
    }
    expect(ERROR_STATUSES.map((error) => error.status)).toEqual([
      400, 401, 403, 404, 405, 409, 413, 415, 500, 503,
    ]);
  });

  it("gives each contract route its request schema from the zod contract, with the recipe's examples", () => {
    const assignments = document.components.schemas.AssignmentRequest!;
    expect(assignments).toMatchObject({ type: "object", required: ["user_id"] });
    const recommendations = document.components.schemas.RecommendationRequest!;
    expect(recommendations.properties).toMatchObject({ num_results: { type: "integer", maximum: 500 } });
    const body = document.paths["/recommendations"]!.post!.requestBody as {
      content: { "application/json": { examples: Record<string, { value: unknown }> } };
    };
    expect(body.content["application/json"].examples.recipe!.value).toEqual({
      user_id: "user_00001",
      num_results: 5,
    });
    for (const [key, contract] of Object.entries(ROUTE_CONTRACTS)) {
      // An example answer must be one the contract accepts.
      if (contract.response.example)
        expect(contract.response.schema.parse(contract.response.example)).toBeDefined();
      expect(ROUTES.map(routeKey)).toContain(key);
      expect(Object.keys(contract.examples).length > 0).toBe(contract.request !== undefined);
    }
  });
});
