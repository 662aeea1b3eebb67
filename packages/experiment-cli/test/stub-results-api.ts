import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll } from "vitest";

export interface StubResultsApi {
  /** The stub's base URL, known once the suite's beforeAll has run. */
  readonly url: string;
  /** Every path asked, in order. */
  readonly requested: string[];
}

/**
 * A stand-in for the results API for the current test file: `results` for a_test, the API's 404
 * error shape for any other path. Started before the file's tests, closed after them.
 */
export function stubResultsApi(results: unknown): StubResultsApi {
  const stub = { url: "", requested: [] as string[] };
  const server = createServer((request, response) => {
    stub.requested.push(request.url ?? "");
    response.setHeader("content-type", "application/json");
    if (request.url === "/experiments/a_test/results") {
      response.end(JSON.stringify(results));
      return;
    }
    response.statusCode = 404;
    response.end(
      JSON.stringify({
        error: {
          code: "unknown_test",
          message: "test_name: no experiment named other",
          details: [{ field: "test_name", problem: "no experiment named other" }],
          request_id: "r-1",
        },
      }),
    );
  });
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    stub.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
  return stub;
}
