import type { HttpHandler } from "@personalize-ab/adapters/http";
import { invokePath } from "@personalize-ab/adapters/testing";

export interface AdminAnswer {
  readonly status: number;
  // biome-ignore lint/suspicious/noExplicitAny: answers are checked field by field in the tests.
  readonly body: any;
}

/** Calls the handler as API Gateway would for `method path`, signed by `callerArn` when given. */
export function adminCall(
  handler: HttpHandler,
  method: string,
  path: string,
  body?: unknown,
  callerArn?: string,
): Promise<AdminAnswer> {
  // Any body goes as JSON, a string too (as a JSON string).
  const json = body === undefined ? undefined : JSON.stringify(body);
  return invokePath(handler, method, path, json, callerArn ? { callerArn } : {});
}
