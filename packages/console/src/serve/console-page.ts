export const CONSOLE_PATH = "/";
export const CONSOLE_SCRIPT_PATH = "/console/app.js";
export const CONSOLE_STYLESHEET_PATH = "/console/app.css";
/** Written beside the page by whoever hosts it; absent locally, where the API is the page's origin. */
export const CONSOLE_CONFIG_PATH = "/console/config.json";

/** The console's page: an empty root the app renders into, its assets by relative URL (any host, any prefix). */
export function consolePage(): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Experiments console</title>
    <link rel="icon" href="data:," />
    <link rel="stylesheet" href="${CONSOLE_STYLESHEET_PATH.slice(1)}" />
  </head>
  <body>
    <div id="app"></div>
    <script type="module" src="${CONSOLE_SCRIPT_PATH.slice(1)}"></script>
  </body>
</html>
`;
}
