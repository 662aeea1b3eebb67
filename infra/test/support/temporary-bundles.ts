import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ALL_FUNCTION_DEFINITIONS } from "@personalize-ab/domain";
import type { LambdaBundles } from "../../src/serving/serving-functions";

/**
 * An apps folder in a temporary directory with a small handler bundle per catalog app, so stack
 * tests do not depend on every app having been built. The content names the app, so each archive
 * differs.
 */
export function temporaryBundles(): LambdaBundles {
  const root = mkdtempSync(join(tmpdir(), "infra-bundles-"));
  for (const { app } of ALL_FUNCTION_DEFINITIONS) {
    writeBundle(
      join(root, "apps"),
      app,
      `export const handler = async () => ({ statusCode: 200, body: "${app}" });\n`,
    );
  }
  return { appsRoot: join(root, "apps"), archiveDirectory: join(root, "archives") };
}

export function writeBundle(appsRoot: string, app: string, code: string): string {
  const dist = join(appsRoot, app, "dist");
  mkdirSync(dist, { recursive: true });
  writeFileSync(join(dist, "handler.mjs"), code);
  return dist;
}
