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

// The Powertools Lambda layer's packages: the bench's layer variant leaves them out of the bundle.
export const POWERTOOLS_LAYER_PACKAGES = ["@aws-lambda-powertools/*", "aws-xray-sdk-core"];

// The bench's no-Tracer variant: SDK clients go untraced, the rest of the bundle is unchanged.
const withoutTracer = {
  name: "without-tracer",
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^@aws-lambda-powertools\/tracer$/ }, () => ({
      path: "tracer",
      namespace: "without-tracer",
    }));
    pluginBuild.onLoad({ filter: /.*/, namespace: "without-tracer" }, () => ({
      contents: "export class Tracer { captureAWSv3Client(client) { return client; } }",
      loader: "js",
    }));
  },
};

/**
 * Bundles an app's handler. `optimized: false` gives the common default (CommonJS main fields, the
 * SDK's full credential chain): the baseline the cold-start bench compares against. `variant` is
 * for the bench only: "layer" leaves the Powertools packages to the layer, "no-tracer" stubs the
 * Tracer out, to show what each costs.
 */
export async function bundleLambda({
  appDir,
  outfile = "dist/handler.mjs",
  optimized = true,
  source,
  variant = "bundled",
}) {
  const result = await build({
    absWorkingDir: appDir,
    ...(source
      ? { stdin: { contents: source, resolveDir: appDir, loader: "ts" } }
      : { entryPoints: ["src/handler.ts"] }),
    outfile,
    bundle: true,
    platform: "node",
    target: "node22",
    format: "esm",
    mainFields: optimized ? ["module", "main"] : ["main", "module"],
    minify: true,
    sourcemap: optimized ? "external" : false,
    sourcesContent: false,
    legalComments: "none",
    metafile: true,
    logLevel: "warning",
    plugins: [...(optimized ? [lambdaCredentials] : []), ...(variant === "no-tracer" ? [withoutTracer] : [])],
    external: variant === "layer" ? POWERTOOLS_LAYER_PACKAGES : [],
    banner: { js: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);" },
  });
  return Object.values(result.metafile.outputs).find((output) => output.entryPoint || source)?.bytes ?? 0;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const bytes = await bundleLambda({ appDir: process.cwd() });
  console.log(`dist/handler.mjs ${(bytes / 1024).toFixed(1)} KB`);
}
