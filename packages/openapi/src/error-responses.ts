import * as z from "zod/mini";

/** The documented error body every 4xx and 5xx answer carries. */
export const errorResponseSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.array(z.object({ field: z.string(), problem: z.string() })),
    request_id: z.string(),
  }),
});

export interface ErrorStatus {
  readonly status: 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 500 | 503;
  readonly description: string;
  readonly code: string;
  readonly field: string;
  readonly problem: string;
  /** Headers the answer carries, by name: what they say. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Every error the API answers, with the stable code and one example each. */
export const ERROR_STATUSES: readonly ErrorStatus[] = [
  {
    status: 400,
    description: "The body is not what the contract takes; each bad field is named.",
    code: "invalid_request",
    field: "user_id",
    problem: "is required",
  },
  {
    status: 401,
    description: "No bearer token, or one that is expired, malformed or from another issuer (JWT routes).",
    code: "unauthorized",
    field: "authorization",
    problem: "is missing a bearer token",
    headers: { "WWW-Authenticate": "Bearer" },
  },
  {
    status: 403,
    description: "The token's subject is not the user_id of the request, and it has no server scope.",
    code: "forbidden",
    field: "user_id",
    problem: "must be the token's subject",
  },
  {
    status: 404,
    description: "No experiment of that test_name (`unknown_test`), or no such path (`not_found`).",
    code: "unknown_test",
    field: "test_name",
    problem: "no experiment named homepage_carousel",
  },
  {
    status: 405,
    description: "The path exists, but not with this method; `Allow` lists the methods it has.",
    code: "method_not_allowed",
    field: "method",
    problem: "GET is not allowed; use POST",
    headers: { Allow: "The methods the path has" },
  },
  {
    status: 409,
    description:
      "What the experiment's state refuses: serving a draft (`experiment_not_started`), or an admin write (`experiment_exists`, `version_conflict`: read again and retry, `invalid_transition`, `experiment_started`, `experiment_completed`).",
    code: "version_conflict",
    field: "version",
    problem: "is 3 now, not 2; read the experiment again and retry",
  },
  {
    status: 413,
    description: "The body is larger than the route takes.",
    code: "payload_too_large",
    field: "body",
    problem: "must be at most 65536 bytes",
  },
  {
    status: 415,
    description: "The body is not sent as `application/json`.",
    code: "unsupported_media_type",
    field: "content-type",
    problem: "must be application/json",
  },
  {
    status: 500,
    description: "A fault on our side, logged with its context; no internal detail is given.",
    code: "internal_error",
    field: "request",
    problem: "could not be completed",
  },
  {
    status: 503,
    description: "A dependency (DynamoDB) is unavailable; retry after `Retry-After` seconds.",
    code: "service_unavailable",
    field: "dynamodb",
    problem: "is unavailable",
    headers: { "Retry-After": "Seconds to wait before retrying" },
  },
];

export function errorExample(error: ErrorStatus) {
  return {
    error: {
      code: error.code,
      message: `${error.field}: ${error.problem}`,
      details: [{ field: error.field, problem: error.problem }],
      request_id: "5f0c6d2e-8a1b-4c3d-9e4f-0a1b2c3d4e5f",
    },
  };
}
