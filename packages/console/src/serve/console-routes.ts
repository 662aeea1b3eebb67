import { consoleBundle } from "../build/console-bundle";
import {
  CONSOLE_CONFIG_PATH,
  CONSOLE_PATH,
  CONSOLE_SCRIPT_PATH,
  CONSOLE_STYLESHEET_PATH,
  consolePage,
} from "./console-page";

/** A read-only route the local gateway serves beside the API (its `extraRoutes`). */
export interface ConsoleRoute {
  readonly path: string;
  readonly respond: (request: Request) => Response | Promise<Response>;
}

/**
 * `GET /` (the console), its script and stylesheet (bundled on first request) and its config: the
 * API is the page's own origin.
 */
export function consoleRoutes(): ConsoleRoute[] {
  return [
    { path: CONSOLE_CONFIG_PATH, respond: () => Response.json({ api_url: "" }) },
    {
      path: CONSOLE_PATH,
      respond: () => new Response(consolePage(), { headers: { "content-type": "text/html; charset=utf-8" } }),
    },
    {
      path: CONSOLE_SCRIPT_PATH,
      respond: async () =>
        new Response((await consoleBundle()).script, {
          headers: { "content-type": "text/javascript; charset=utf-8" },
        }),
    },
    {
      path: CONSOLE_STYLESHEET_PATH,
      respond: async () =>
        new Response((await consoleBundle()).stylesheet, {
          headers: { "content-type": "text/css; charset=utf-8" },
        }),
    },
  ];
}
