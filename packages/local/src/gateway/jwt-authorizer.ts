import type { APIGatewayEventRequestContextJWTAuthorizer } from "aws-lambda";
import { errors, type JWTPayload, type JWTVerifyGetKey, jwtVerify } from "jose";

/** Why a request was refused; the gateway answers 401 naming the `authorization` header. */
export class UnauthorizedError extends Error {
  override readonly name = "UnauthorizedError";
}

export interface JwtAuthorizerSettings {
  /** Exact `iss` a token must carry. */
  readonly issuer: string;
  /** A token's `aud` or `client_id` must be one of these. */
  readonly audience: readonly string[];
  /** The issuer's signing keys (its JWKS). */
  readonly keys: JWTVerifyGetKey;
}

export type JwtAuthorizer = (
  authorization: string | undefined,
) => Promise<APIGatewayEventRequestContextJWTAuthorizer>;

/** API Gateway hands the handler every claim as a string: numbers spelled out, lists as `[a b]`. */
function claimValue(value: unknown): string {
  if (typeof value === "string") return value;
  if (Array.isArray(value)) return `[${value.map(String).join(" ")}]`;
  if (typeof value === "object" && value !== null) return JSON.stringify(value);
  return String(value);
}

function scopesOf(payload: JWTPayload): string[] | null {
  const raw = payload.scope ?? payload.scp;
  if (typeof raw === "string") return raw.split(" ").filter((scope) => scope !== "");
  if (Array.isArray(raw)) return raw.map(String);
  return null;
}

function audienceMatches(payload: JWTPayload, audience: readonly string[]): boolean {
  const claimed = [payload.aud ?? [], payload.client_id ?? []].flat().map(String);
  return claimed.some((value) => audience.includes(value));
}

function problemOf(error: unknown): string {
  if (error instanceof UnauthorizedError) return error.message;
  if (error instanceof errors.JWTExpired) return "the token has expired";
  if (error instanceof errors.JWTClaimValidationFailed) {
    return error.claim === "iss"
      ? "the token is from another issuer"
      : `the token's ${error.claim} claim is not valid`;
  }
  if (error instanceof errors.JWSSignatureVerificationFailed || error instanceof errors.JWKSNoMatchingKey) {
    return "the token's signature does not verify with the issuer's keys";
  }
  return "the token is not a valid JWT";
}

/**
 * The HTTP API JWT authorizer's checks, as API Gateway runs them: a bearer token in
 * `Authorization`, signed (RSA) by one of the issuer's keys, `iss` exactly the issuer, `aud` or
 * `client_id` one of the audiences, `exp` present and in the future, `nbf` and `iat` not ahead.
 * What passes is what the handler gets in `requestContext.authorizer.jwt`.
 */
export function jwtAuthorizer(settings: JwtAuthorizerSettings): JwtAuthorizer {
  return async (authorization) => {
    try {
      if (!authorization) throw new UnauthorizedError("is required (Bearer <token>)");
      const token = authorization.replace(/^Bearer\s+/i, "").trim();
      const { payload } = await jwtVerify(token, settings.keys, {
        issuer: settings.issuer,
        algorithms: ["RS256", "RS384", "RS512"],
        requiredClaims: ["exp"],
      });
      if (payload.iat !== undefined && payload.iat > Math.floor(Date.now() / 1000)) {
        throw new UnauthorizedError("the token's iat claim is in the future");
      }
      if (!audienceMatches(payload, settings.audience)) {
        throw new UnauthorizedError("the token is for another audience");
      }
      const claims = Object.fromEntries(
        Object.entries(payload).map(([name, value]) => [name, claimValue(value)]),
      );
      return { principalId: "", integrationLatency: 0, jwt: { claims, scopes: scopesOf(payload) } };
    } catch (error) {
      throw new UnauthorizedError(problemOf(error));
    }
  };
}
