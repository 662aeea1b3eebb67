#!/usr/bin/env node
// Compiles the CDKTF app into one CommonJS file, dist/main.cjs. Plain `node` then runs it with no
// TypeScript loader (tsx costs about a second per synth) and CommonJS resolves the provider's deep
// directory imports. CDKTF, constructs and the provider stay external: jsii packages rely on their
// own file layout.
import { build } from "esbuild";

await build({
  entryPoints: { main: "src/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".cjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "cjs",
  // iam-data reads its JSON files relative to its own folder, so it stays external too.
  external: ["cdktf", "constructs", "@cdktf/*", "@cloud-copilot/*"],
  sourcemap: "linked",
  legalComments: "none",
  logLevel: "warning",
});
