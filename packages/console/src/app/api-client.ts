import { AwsClient } from "aws4fetch";
import { guestCredentials, type TemporaryCredentials } from "./cognito-credentials";
import type { ConsoleConfig } from "./console-config";

/** One field the API named in an error, as every 4xx of the API carries them. */
export interface FieldProblem {
  readonly field: string;
  readonly problem: string;
}

/** An answer other than 2xx, with the API's stable code and its field-named details. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: readonly FieldProblem[],
  ) {
    super(message);
  }
}

interface ErrorBody {
  readonly error?: { code?: string; message?: string; details?: FieldProblem[] };
}

// Refreshed a minute before they expire, so no signed call goes out with stale credentials.
const REFRESH_MARGIN_MS = 60_000;

export interface RequestOptions {
  readonly body?: unknown;
  /** A JWT for the client routes (recommendations, assignments) where the environment wants one. */
  readonly bearer?: string;
}

/** The console's calls to the API: same origin locally, SigV4-signed with Cognito credentials on AWS. */
export class ApiClient {
  private credentials: Promise<TemporaryCredentials> | undefined;

  constructor(private readonly config: ConsoleConfig) {}

  async request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const url = `${this.config.api_url}${path}`;
    const headers: Record<string, string> = { accept: "application/json" };
    if (options.body !== undefined) headers["content-type"] = "application/json";
    if (options.bearer) headers.authorization = `Bearer ${options.bearer}`;
    const init: RequestInit = {
      method,
      headers,
      ...(options.body !== undefined && { body: JSON.stringify(options.body) }),
    };
    const response = await this.send(url, init, options.bearer === undefined);
    const text = await response.text();
    const body = text ? (JSON.parse(text) as unknown) : undefined;
    if (!response.ok) {
      const error = (body as ErrorBody | undefined)?.error;
      throw new ApiError(
        response.status,
        error?.code ?? "http_error",
        error?.message ?? `${method} ${path} answered ${response.status}`,
        error?.details ?? [],
      );
    }
    return body as T;
  }

  private async send(url: string, init: RequestInit, mayBeSigned: boolean): Promise<Response> {
    const { region, identity_pool_id: identityPoolId, role_arn: roleArn } = this.config;
    if (!mayBeSigned || !region || !identityPoolId || !roleArn) return fetch(url, init);
    const credentials = await this.currentCredentials(region, identityPoolId, roleArn);
    const signer = new AwsClient({ ...credentials, service: "execute-api", region });
    return signer.fetch(url, init);
  }

  private async currentCredentials(
    region: string,
    identityPoolId: string,
    roleArn: string,
  ): Promise<TemporaryCredentials> {
    const current = await this.credentials?.catch(() => undefined);
    if (current && current.expiresAt - REFRESH_MARGIN_MS > Date.now()) return current;
    this.credentials = guestCredentials(region, identityPoolId, roleArn);
    return this.credentials;
  }
}
