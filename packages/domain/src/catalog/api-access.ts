/**
 * The OAuth scope that marks a token as the platform's own servers (a back end acting for any
 * user): with it, a client route accepts any `user_id`; without it, `user_id` must be the token's
 * subject. Infra declares it on the optional Cognito resource server; the local issuer mints it.
 */
export const SERVER_SCOPE = "personalize-ab/server";

/**
 * Browser origins the dev stack's CORS configuration allows; the local gateway allows the same, so
 * a front end developed against it behaves as it will against dev.
 */
export const DEV_BROWSER_ORIGINS = ["http://localhost:3000"] as const;
