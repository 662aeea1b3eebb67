import type { AnyResults } from "../app/any-results";
import type { EmbeddedReport } from "../app/report-data";
import { REPORT_DATA_ELEMENT_ID } from "../app/report-data";
import { consoleBundle } from "../build/console-bundle";

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (character) => `&#${character.charCodeAt(0)};`);
}

/**
 * One self-contained HTML file with an experiment's results view: the console's script and
 * stylesheet inlined and the results embedded as JSON, so it opens from disk with no network.
 */
export async function reportHtml(results: AnyResults, source: string): Promise<string> {
  const { script, stylesheet } = await consoleBundle();
  const report: EmbeddedReport = { results, source };
  // Inside a <script> element only "</script" (and "<!--") can end it early.
  const data = JSON.stringify(report).replace(/</g, "\\u003c");
  const inlineScript = script.replace(/<\/script/gi, "<\\/script");
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:" />
    <title>${escapeHtml(results.test_name)} · experiment report</title>
    <style>${stylesheet.replace(/<\/style/gi, "<\\/style")}</style>
  </head>
  <body>
    <div id="app"></div>
    <script type="application/json" id="${REPORT_DATA_ELEMENT_ID}">${data}</script>
    <script type="module">${inlineScript}</script>
  </body>
</html>
`;
}
