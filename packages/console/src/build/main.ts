import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { CONSOLE_SCRIPT_PATH, CONSOLE_STYLESHEET_PATH, consolePage } from "../serve/console-page";
import { bundleConsole } from "./console-bundle";

/**
 * Writes the console as static files to dist/site: index.html and its assets. The host adds
 * console/config.json beside them (infra writes the environment's API URL and identity pool).
 */
const site = join(import.meta.dirname, "../../dist/site");
const { script, stylesheet } = await bundleConsole();
const files: Record<string, string> = {
  "index.html": consolePage(),
  [CONSOLE_SCRIPT_PATH.slice(1)]: script,
  [CONSOLE_STYLESHEET_PATH.slice(1)]: stylesheet,
};
for (const [path, content] of Object.entries(files)) {
  await mkdir(dirname(join(site, path)), { recursive: true });
  await writeFile(join(site, path), content);
  console.log(`dist/site/${path} ${(Buffer.byteLength(content) / 1024).toFixed(1)} KB`);
}
