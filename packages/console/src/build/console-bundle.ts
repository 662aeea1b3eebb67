import { join } from "node:path";
import { build } from "esbuild";

/** The console's script and stylesheet, as the browser loads them. */
export interface ConsoleBundle {
  readonly script: string;
  readonly stylesheet: string;
}

const PACKAGE_DIR = join(import.meta.dirname, "../..");

/**
 * Bundles the browser app (Preact, Observable Plot and the console's code) into one minified ES
 * module and one stylesheet, in memory: the local platform serves them, the static build writes
 * them out, and the report inlines them.
 */
export async function bundleConsole(): Promise<ConsoleBundle> {
  const result = await build({
    absWorkingDir: PACKAGE_DIR,
    entryPoints: ["src/app/main.tsx"],
    outdir: "dist/console",
    entryNames: "app",
    bundle: true,
    write: false,
    platform: "browser",
    format: "esm",
    target: "es2022",
    jsx: "automatic",
    jsxImportSource: "preact",
    minify: true,
    legalComments: "none",
    logLevel: "warning",
  });
  const text = (extension: string) =>
    result.outputFiles.find((file) => file.path.endsWith(extension))?.text ?? "";
  return { script: text(".js"), stylesheet: text(".css") };
}

let cached: Promise<ConsoleBundle> | undefined;

/** The bundle, built once per process. */
export function consoleBundle(): Promise<ConsoleBundle> {
  cached ??= bundleConsole();
  return cached;
}
