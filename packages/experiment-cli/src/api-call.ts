import type { ApiTarget } from "./api-target";
import { CliError } from "./cli-error";
import { signedRequest } from "./signed-get";

interface ApiErrorBody {
  readonly error?: { code?: string; message?: string; details?: { field: string; problem: string }[] };
}

/**
 * One call of the platform's API, signed when the target is a deployed (IAM-authorized) API.
 * Returns the JSON of a 2xx answer; anything else is a CliError (exit 1) with the API's code,
 * message and the fields it named.
 */
export async function callApi(
  target: ApiTarget,
  method: "GET" | "POST" | "PUT",
  path: string,
  body?: unknown,
): Promise<unknown> {
  const url = `${target.baseUrl}${path}`;
  const text = body === undefined ? undefined : JSON.stringify(body);
  let response: Response;
  try {
    response = target.signed
      ? await signedRequest(url, { method, ...(text !== undefined && { body: text }) })
      : await fetch(url, {
          method,
          headers: {
            accept: "application/json",
            ...(text !== undefined && { "content-type": "application/json" }),
          },
          ...(text !== undefined && { body: text }),
        });
  } catch (error) {
    if (error instanceof CliError) throw error;
    throw new CliError(
      `${method} ${url} failed: ${(error as Error).message}. Is the platform running (npm start)?`,
      1,
    );
  }
  const answer = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    throw new CliError(
      `${method} ${url} answered ${response.status} with a body that is not JSON: ${answer.slice(0, 200)}`,
      1,
    );
  }
  if (response.status >= 300) {
    const error = (json as ApiErrorBody).error;
    const problem = error ? `${error.code}: ${error.message}` : JSON.stringify(json);
    throw new CliError(`${method} ${url} answered ${response.status}: ${problem}`, 1);
  }
  return json;
}
