import { documentRoutes, EXAMPLE_TEST_NAME, openApiDocument } from "@personalize-ab/openapi";
import { Ajv2020 } from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlatform, startPlatform } from "../src/platform";

const document = openApiDocument();
// The whole document is one schema resource, so each `#/components/schemas/...` ref resolves.
const ajv = new Ajv2020({ strict: false, allErrors: true });
ajv.addSchema({ ...document, $id: "urn:personalize-ab:openapi" });

interface Operation {
  readonly requestBody?: {
    content: { "application/json": { examples: Record<string, { value: unknown }> } };
  };
  readonly responses: Record<string, { content?: { "application/json"?: { schema: unknown } } }>;
}

/** Whether a body is what the document says the operation answers with that status. */
function check(operation: Operation, status: number, body: unknown): string[] {
  const schema = operation.responses[String(status)]?.content?.["application/json"]?.schema as
    | { $ref?: string }
    | undefined;
  if (!schema) return [`status ${status} is not documented`];
  const validate = schema.$ref
    ? ajv.getSchema(`urn:personalize-ab:openapi${schema.$ref}`)
    : ajv.compile(schema);
  if (!validate) return [`no schema ${schema.$ref}`];
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

let platform: RunningPlatform;

/** The path as requested: `{test_name}` is the experiment the examples create and walk through. */
const concrete = (path: string) => path.replace("{test_name}", EXAMPLE_TEST_NAME);

beforeAll(async () => {
  platform = await startPlatform({ port: 0, extraRoutes: documentRoutes() });
});

afterAll(async () => {
  await platform?.stop();
});

const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
  Object.entries(methods).map(([method, operation]) => ({
    path,
    method,
    operation: operation as unknown as Operation,
  })),
);
const examples = operations.flatMap(({ path, method, operation }) =>
  Object.entries(operation.requestBody?.content["application/json"].examples ?? {}).map(
    ([name, example]) => ({
      name: `${method.toUpperCase()} ${path} ${name}`,
      path,
      method,
      operation,
      body: example.value,
    }),
  ),
);

describe("the local platform against its OpenAPI document", () => {
  it("has examples for every operation with a body", () => {
    expect(examples.length).toBeGreaterThanOrEqual(operations.filter((o) => o.operation.requestBody).length);
  });

  it.each(examples)("answers $name with a documented success", async ({ path, method, operation, body }) => {
    const response = await fetch(`${platform.url}${concrete(path)}`, {
      method: method.toUpperCase(),
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    const answer = await response.json();
    expect(response.status, JSON.stringify(answer)).toBeLessThan(300);
    expect(check(operation, response.status, answer)).toEqual([]);
  });

  it.each(operations)(
    "answers bad input to $method $path in the documented error shape",
    async ({ path, method, operation }) => {
      // Body cases only where the operation takes a body: a GET cannot carry one.
      const cases = operation.requestBody
        ? [
            { body: "{}", type: "application/json", status: 400 },
            { body: "user_id=user_00001", type: "application/x-www-form-urlencoded", status: 415 },
          ]
        : [];
      for (const { body, type, status } of cases) {
        const response = await fetch(`${platform.url}${concrete(path)}`, {
          method: method.toUpperCase(),
          headers: { "content-type": type },
          body,
        });
        expect(response.status).toBe(status);
        expect(check(operation, status, await response.json())).toEqual([]);
      }
      const wrongMethod = await fetch(`${platform.url}${concrete(path)}`, { method: "DELETE" });
      expect(wrongMethod.status).toBe(405);
      expect(check(operation, 405, await wrongMethod.json())).toEqual([]);
    },
  );

  it("finds a body that breaks the document (the check can fail)", () => {
    const [first] = operations;
    expect(check(first!.operation, 400, { error: { code: "invalid_request" } })).not.toEqual([]);
  });

  it("serves the document, with its own origin as the server, and the API reference page offline", async () => {
    const served = (await (await fetch(`${platform.url}/openapi.json`)).json()) as typeof document & {
      servers: unknown;
    };
    expect(served.servers).toEqual([{ url: platform.url }]);
    expect(Object.keys(served.paths)).toEqual(Object.keys(document.paths));
    const page = await fetch(`${platform.url}/docs`);
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await page.text();
    expect(html).toContain('src="/docs/api-reference.js"');
    expect(html).not.toMatch(/https?:\/\//);
    const script = await fetch(`${platform.url}/docs/api-reference.js`);
    expect(script.status).toBe(200);
    expect((await script.arrayBuffer()).byteLength).toBeGreaterThan(100_000);
  });
});
