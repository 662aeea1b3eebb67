#!/usr/bin/env node
// Bundles the current app's src/handler.ts into one minified ESM file, dist/handler.mjs, for the
// Lambda nodejs22.x runtime. ESM with module-first main fields gives the smallest, fastest-loading
// bundle (tree-shaken SDK); the banner gives bundled CommonJS code the `require` it expects.
import { build } from "esbuild";

const result = await build({
  entryPoints: ["src/handler.ts"],
  outfile: "dist/handler.mjs",
  bundle: true,
  platform: "node",
  target: "node22",
  format: "esm",
  mainFields: ["module", "main"],
  minify: true,
  sourcemap: "external",
  sourcesContent: false,
  legalComments: "none",
  metafile: true,
  logLevel: "warning",
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
console.log(`dist/handler.mjs ${(bytes / 1024).toFixed(1)} KB`);
