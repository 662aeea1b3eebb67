// `pnpm --filter @personalize-ab/openapi print > openapi.json`: the document, for other tools.
import { openApiDocument } from "./openapi-document";

process.stdout.write(`${JSON.stringify(openApiDocument(), null, 2)}\n`);
