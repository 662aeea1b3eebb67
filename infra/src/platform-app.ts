import { join } from "node:path";
import { App } from "./cdktf";
import type { EnvironmentConfig } from "./config/environment-config";
import { ENVIRONMENTS } from "./config/environments";
import { PlatformStack } from "./platform-stack";
import { repositoryRoot } from "./repository-root";
import type { LambdaBundles } from "./serving/serving-functions";

export interface PlatformAppOptions {
  readonly outdir?: string;
  readonly environments?: readonly EnvironmentConfig[];
  readonly bundles?: LambdaBundles;
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/** The bundles `pnpm build` leaves in apps/<app>/dist, zipped into infra/.lambda-archives. */
export function repositoryBundles(root: string = repositoryRoot()): LambdaBundles {
  return { appsRoot: join(root, "apps"), archiveDirectory: join(root, "infra", ".lambda-archives") };
}

/** One PlatformStack per environment, named after it (`dev`, `prod`). */
export function createPlatformApp(options: PlatformAppOptions = {}): App {
  const app = new App(options.outdir ? { outdir: options.outdir } : {});
  const bundles = options.bundles ?? repositoryBundles();
  for (const config of options.environments ?? Object.values(ENVIRONMENTS)) {
    new PlatformStack(app, config.name, { config, bundles, env: options.env ?? process.env });
  }
  return app;
}
