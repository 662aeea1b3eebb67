import { ROUTES, type RouteDefinition, routeKey } from "@personalize-ab/domain";
import { ERROR_STATUSES, errorExample, errorResponseSchema } from "./error-responses";
import { jsonSchemaOf } from "./json-schema";
import { EXAMPLE_TEST_NAME, ROUTE_CONTRACTS, type RouteContract } from "./route-contracts";

export type OpenApiDocument = Record<string, unknown> & {
  readonly openapi: string;
  readonly paths: Record<string, Record<string, Record<string, unknown>>>;
  readonly components: {
    readonly schemas: Record<string, Record<string, unknown>>;
    readonly securitySchemes: Record<string, unknown>;
  };
};

const ERROR_SCHEMA_NAME = "ErrorResponse";
const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function pathParameters(path: string) {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string" },
    ...(name === "test_name" && { example: EXAMPLE_TEST_NAME }),
  }));
}

function security(route: Pick<RouteDefinition, "auth">) {
  if (route.auth === "jwt") return [{ bearer: [] }];
  if (route.auth === "iam") return [{ sigv4: [] }];
  return [];
}

function errorResponses() {
  return Object.fromEntries(
    ERROR_STATUSES.map((error) => [
      String(error.status),
      {
        description: error.description,
        ...(error.headers && {
          headers: Object.fromEntries(
            Object.entries(error.headers).map(([name, description]) => [
              name,
              { description, schema: { type: "string" } },
            ]),
          ),
        }),
        content: { "application/json": { schema: ref(ERROR_SCHEMA_NAME), example: errorExample(error) } },
      },
    ]),
  );
}

function operation(route: RouteDefinition, contract: RouteContract | undefined) {
  const parameters = pathParameters(route.path);
  const success = contract
    ? {
        [String(contract.response.status)]: {
          description: contract.summary,
          content: {
            "application/json": {
              schema: ref(contract.response.name),
              ...(contract.response.example && { example: contract.response.example }),
            },
          },
        },
      }
    : { "200": { description: "The answer", content: { "application/json": { schema: {} } } } };
  return {
    operationId: `${route.function}${route.method[0]}${route.method.slice(1).toLowerCase()}${route.path
      .replace(/[{}]/g, "")
      .split("/")
      .map((part) => part.charAt(0).toUpperCase() + part.slice(1))
      .join("")}`,
    summary: contract?.summary ?? routeKey(route),
    ...(contract && { description: contract.description }),
    tags: [route.function],
    ...(parameters.length > 0 && { parameters }),
    ...(contract?.request && {
      requestBody: {
        required: true,
        content: {
          "application/json": {
            schema: ref(contract.request.name),
            examples: contract.examples,
          },
        },
      },
    }),
    security: security(route),
    responses: { ...success, ...errorResponses() },
  };
}

/**
 * The HTTP API as an OpenAPI 3.1 document: one operation per route of the domain's catalog, the
 * request and response schemas generated from its zod contracts, the recipe's payloads as
 * examples, and every error in the documented shape.
 */
export function openApiDocument(options: { serverUrl?: string } = {}): OpenApiDocument {
  const schemas: Record<string, Record<string, unknown>> = {
    [ERROR_SCHEMA_NAME]: jsonSchemaOf(errorResponseSchema, "output"),
  };
  const paths: OpenApiDocument["paths"] = {};
  for (const route of ROUTES as readonly RouteDefinition[]) {
    const contract = ROUTE_CONTRACTS[routeKey(route)];
    if (contract?.request) schemas[contract.request.name] = jsonSchemaOf(contract.request.schema, "input");
    if (contract) schemas[contract.response.name] = jsonSchemaOf(contract.response.schema, "output");
    paths[route.path] ??= {};
    paths[route.path]![route.method.toLowerCase()] = operation(route, contract);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "personalize-ab",
      version: "1.0.0",
      description:
        "Real-time recommendations with A/B testing on Amazon Personalize. Every error answer is JSON " +
        "`{error: {code, message, details: [{field, problem}], request_id}}` with a stable code.",
    },
    ...(options.serverUrl && { servers: [{ url: options.serverUrl }] }),
    paths,
    components: {
      schemas,
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          bearerFormat: "JWT",
          description:
            "A token of the environment's OIDC issuer (locally: npm start -- --auth, npm run token).",
        },
        sigv4: {
          type: "apiKey",
          in: "header",
          name: "Authorization",
          description: "AWS Signature Version 4 (IAM) of a caller allowed to invoke the API.",
        },
      },
    },
  };
}
