import { parseArgs } from "node:util";
import { DEFAULT_AUTH_KEY_FILE } from "./auth/auth-key-file";
import { LocalIssuer } from "./auth/local-issuer";

const usage = `Usage: npm run token -- --sub <user_id> [--server] [--expires-in 1h]

Prints a token the local platform (npm start -- --auth) accepts, signed by its local issuer.
  --sub         the user the token is for (the subject; client routes require user_id to match)
  --server      add the server scope: the token may act for any user
  --expires-in  how long it is valid (jose duration: 30m, 1h, 2d); 1h by default`;

try {
  const { values } = parseArgs({
    options: {
      sub: { type: "string" },
      server: { type: "boolean", default: false },
      "expires-in": { type: "string", default: "1h" },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help || !values.sub) {
    console.log(usage);
    process.exit(values.help ? 0 : 2);
  }
  const issuer = await LocalIssuer.load(DEFAULT_AUTH_KEY_FILE);
  console.log(await issuer.mint({ sub: values.sub, server: values.server, expiresIn: values["expires-in"] }));
} catch (error) {
  console.error(`${(error as Error).message}\n\n${usage}`);
  process.exit(2);
}
