import { mkdir, readFile, writeFile } from "node:fs/promises";
import { dirname } from "node:path";
import { SERVER_SCOPE } from "@personalize-ab/domain";
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  SignJWT,
} from "jose";

/** The issuer and audience the local platform's authorizer trusts, as an environment's config names them on AWS. */
export const LOCAL_ISSUER = "http://localhost/personalize-ab-local-issuer";
export const LOCAL_AUDIENCE = "personalize-ab-local";
const ALGORITHM = "RS256";

export interface TokenRequest {
  readonly sub: string;
  /** Adds SERVER_SCOPE: the token may act for any user. */
  readonly server?: boolean;
  /** A jose duration (`1h`, `30m`) or seconds since the epoch; 1 hour by default. */
  readonly expiresIn?: string | number;
  readonly issuer?: string;
  readonly audience?: string;
}

type SigningKey = Parameters<SignJWT["sign"]>[0];

interface StoredKey {
  readonly privateJwk: JWK;
}

/**
 * A local OIDC-style issuer: an RSA key kept in a file (so `npm run token` can sign with the key
 * the running platform trusts, and tokens survive a restart), its public JWKS, and token minting.
 */
export class LocalIssuer {
  private constructor(
    private readonly privateKey: SigningKey,
    readonly jwks: JSONWebKeySet,
    private readonly kid: string,
  ) {}

  /** Reads the key from `keyFile`, creating it (readable by this user only) the first time. */
  static async load(keyFile: string): Promise<LocalIssuer> {
    let stored: StoredKey;
    try {
      stored = JSON.parse(await readFile(keyFile, "utf8")) as StoredKey;
    } catch {
      const { privateKey } = await generateKeyPair(ALGORITHM, { extractable: true });
      stored = {
        privateJwk: { ...(await exportJWK(privateKey)), kid: `local-${Date.now()}`, alg: ALGORITHM },
      };
      await mkdir(dirname(keyFile), { recursive: true });
      await writeFile(keyFile, JSON.stringify(stored), { mode: 0o600 });
    }
    const { d: _d, p: _p, q: _q, dp: _dp, dq: _dq, qi: _qi, ...publicJwk } = stored.privateJwk;
    const privateKey = await importJWK(stored.privateJwk, ALGORITHM);
    return new LocalIssuer(
      privateKey,
      { keys: [{ ...publicJwk, use: "sig" }] },
      stored.privateJwk.kid ?? "local",
    );
  }

  /** The keys the authorizer verifies with, as it would fetch them from the issuer's JWKS URL. */
  keys(): JWTVerifyGetKey {
    return createLocalJWKSet(this.jwks);
  }

  mint(request: TokenRequest): Promise<string> {
    const jwt = new SignJWT({ ...(request.server && { scope: SERVER_SCOPE }) })
      .setProtectedHeader({ alg: ALGORITHM, kid: this.kid, typ: "JWT" })
      .setSubject(request.sub)
      .setIssuer(request.issuer ?? LOCAL_ISSUER)
      .setAudience(request.audience ?? LOCAL_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(request.expiresIn ?? "1h");
    return jwt.sign(this.privateKey);
  }
}
