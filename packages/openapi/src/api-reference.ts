import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { openApiDocument } from "./openapi-document";

export const OPENAPI_PATH = "/openapi.json";
export const DOCS_PATH = "/docs";
export const DOCS_SCRIPT_PATH = "/docs/api-reference.js";

/** A read-only route the local gateway serves beside the API (its `extraRoutes`). */
export interface DocumentRoute {
  readonly path: string;
  readonly respond: (request: Request) => Response;
}

/** Scalar's prebuilt standalone bundle, from node_modules: the page needs no network. */
function standaloneBundlePath(): string {
  const entry = createRequire(import.meta.url).resolve("@scalar/api-reference");
  return join(entry.slice(0, entry.lastIndexOf("/dist/")), "dist", "browser", "standalone.js");
}

/** The API reference page: Scalar rendering the document, its fonts left out (no CDN). */
export function apiReferencePage(): string {
  const configuration = JSON.stringify({
    url: OPENAPI_PATH,
    withDefaultFonts: false,
    hideClientButton: false,
  });
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>personalize-ab API reference</title>
  </head>
  <body>
    <div id="api-reference"></div>
    <script src="${DOCS_SCRIPT_PATH}"></script>
    <script>Scalar.createApiReference("#api-reference", ${configuration});</script>
  </body>
</html>
`;
}

/** `GET /openapi.json` (servers: the origin asked), `GET /docs` and the page's script. */
export function documentRoutes(): DocumentRoute[] {
  let bundle: Buffer | undefined;
  return [
    {
      path: OPENAPI_PATH,
      respond: (request) => Response.json(openApiDocument({ serverUrl: new URL(request.url).origin })),
    },
    {
      path: DOCS_PATH,
      respond: () =>
        new Response(apiReferencePage(), { headers: { "content-type": "text/html; charset=utf-8" } }),
    },
    {
      path: DOCS_SCRIPT_PATH,
      respond: () => {
        bundle ??= readFileSync(standaloneBundlePath());
        return new Response(bundle, {
          headers: { "content-type": "text/javascript; charset=utf-8", "cache-control": "max-age=3600" },
        });
      },
    },
  ];
}
