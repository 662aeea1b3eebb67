import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { zipSync } from "fflate";

/** What `scripts/bundle-lambda.mjs` writes into an app's dist/. */
export const BUNDLE_ENTRY = "handler.mjs";
const BUNDLE_FILES = [BUNDLE_ENTRY, `${BUNDLE_ENTRY}.map`] as const;

// Local-time fields give the same DOS timestamp in every time zone; 1980 is the earliest ZIP date.
const FIXED_MTIME = new Date(1980, 0, 1, 0, 0, 0);

export interface LambdaArchive {
  /** Absolute path of the zip. */
  readonly path: string;
  /** Hex digest of the bundle files' names and bytes: the asset hash. */
  readonly contentHash: string;
  /** Base64 SHA-256 of the zip, as Lambda computes `source_code_hash`. */
  readonly sourceCodeHash: string;
}

export class MissingBundleError extends Error {}

/**
 * Zips an app's esbuild bundle byte-for-byte reproducibly: fixed timestamps, fixed order, fixed
 * compression. CDKTF's own ARCHIVE assets stamp file times into the zip, so two builds of the same
 * code would produce different archives and a spurious Lambda update in every plan.
 */
export function archiveLambdaBundle(
  app: string,
  distDirectory: string,
  archiveDirectory: string,
): LambdaArchive {
  const entry = join(distDirectory, BUNDLE_ENTRY);
  if (!existsSync(entry)) {
    throw new MissingBundleError(
      `Lambda bundle for app "${app}" is missing: ${relative(process.cwd(), entry) || entry}. ` +
        `Build it with "pnpm --filter @personalize-ab/${app} build" (or "pnpm build" for every app).`,
    );
  }
  const files = BUNDLE_FILES.filter((name) => existsSync(join(distDirectory, name))).map((name) => ({
    name,
    bytes: readFileSync(join(distDirectory, name)),
  }));

  const digest = createHash("sha256");
  for (const file of files) digest.update(`${file.name}\0${file.bytes.length}\0`).update(file.bytes);
  const contentHash = digest.digest("hex").slice(0, 32);

  const zip = zipSync(
    Object.fromEntries(files.map((file) => [file.name, [file.bytes, { mtime: FIXED_MTIME }]])),
    { level: 9 },
  );
  mkdirSync(archiveDirectory, { recursive: true });
  const path = join(archiveDirectory, `${app}-${contentHash}.zip`);
  if (!existsSync(path)) {
    // Write then rename: a concurrent synth never sees half a zip.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, zip);
    renameSync(partial, path);
  }
  return { path, contentHash, sourceCodeHash: createHash("sha256").update(zip).digest("base64") };
}
