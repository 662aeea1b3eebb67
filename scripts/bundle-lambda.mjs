#!/usr/bin/env node
// Bundles the current app's src/handler.ts into one minified ESM file, dist/handler.mjs, for the
// Lambda nodejs22.x runtime. ESM with module-first main fields gives the smallest, fastest-loading
// bundle (tree-shaken SDK); the banner gives bundled CommonJS code the `require` it expects.
import { dirname } from "node:path";
import { build } from "esbuild";

// Lambda hands a function its role's credentials in environment variables, so the SDK's default
// chain (SSO, INI files, process, web identity: ~90 KB and their load time) is replaced by the
// environment provider alone. Local runs pass explicit credentials and never reach it.
const lambdaCredentials = {
  name: "lambda-credentials",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@aws-sdk\/credential-provider-node$/ }, async (args) => {
      if (args.pluginData === "lambda-credentials") return undefined;
      const real = await pluginBuild.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: "lambda-credentials",
      });
      return { path: real.path, namespace: "lambda-credentials" };
    });
    pluginBuild.onLoad({ filter: /.*/, namespace: "lambda-credentials" }, (args) => ({
      contents: 'export { fromEnv as defaultProvider } from "@aws-sdk/credential-provider-env";',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

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
  plugins: [lambdaCredentials],
  banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
});
const bytes = Object.values(result.metafile.outputs).find((o) => o.entryPoint)?.bytes ?? 0;
console.log(`dist/handler.mjs ${(bytes / 1024).toFixed(1)} KB`);
