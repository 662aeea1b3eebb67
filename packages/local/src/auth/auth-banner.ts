import { LOCAL_AUDIENCE, LOCAL_ISSUER } from "./local-issuer";

/** What `npm start -- --auth` prints: how client routes are guarded and how to get a token. */
export function authBanner(url: string, token: string): string {
  return `Client routes require a bearer token (issuer ${LOCAL_ISSUER}, audience ${LOCAL_AUDIENCE}).
A token for user_00001, valid 1 h:
  export TOKEN=${token}
  curl -X POST ${url}/assignments -H "Content-Type: application/json" -H "Authorization: Bearer $TOKEN" -d '{"user_id": "user_00001"}'
Mint others with: npm run token -- --sub user_00042   (--server: a token that may act for any user)`;
}
