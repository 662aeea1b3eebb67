/** One problem with a request: the field (dotted path, `body` for the whole body) and what is wrong. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** An error the client caused: answered with its status and a stable code, never a 5xx. */
export class ClientError extends Error {
  override readonly name = "ClientError";

  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldProblem[] = [],
  ) {
    super(message);
  }
}

export function invalidRequest(details: readonly FieldProblem[]): ClientError {
  const message = details.map((detail) => `${detail.field}: ${detail.problem}`).join("; ");
  return new ClientError(400, "invalid_request", message, details);
}

export function notFound(code: string, field: string, problem: string): ClientError {
  return new ClientError(404, code, `${field}: ${problem}`, [{ field, problem }]);
}
