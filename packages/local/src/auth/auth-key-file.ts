import { fileURLToPath } from "node:url";

/**
 * Where `npm start -- --auth` keeps the local issuer's signing key and where `npm run token` reads
 * it: the repository's `.local-data/` (outside git), whatever directory either runs from.
 */
export const DEFAULT_AUTH_KEY_FILE = fileURLToPath(
  new URL("../../../../.local-data/local-issuer-key.json", import.meta.url),
);
