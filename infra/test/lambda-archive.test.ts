import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { archiveLambdaBundle, MissingBundleError } from "../src/serving/lambda-archive";
import { writeBundle } from "./support/temporary-bundles";

const scratch = () => mkdtempSync(join(tmpdir(), "lambda-archive-"));

describe("archiveLambdaBundle", () => {
  it("names the missing bundle and the command that builds it", () => {
    const root = scratch();
    const archive = () => archiveLambdaBundle("recommendations", join(root, "recommendations", "dist"), root);
    expect(archive).toThrow(MissingBundleError);
    expect(archive).toThrow(
      /recommendations\/dist\/handler\.mjs.*pnpm --filter @personalize-ab\/recommendations build/,
    );
  });

  it("zips the bundle and its source map", () => {
    const root = scratch();
    const dist = writeBundle(root, "app", "export const handler = 1;\n");
    writeFileSync(join(dist, "handler.mjs.map"), "{}");
    writeFileSync(join(dist, "stray.txt"), "not part of the bundle");
    const archive = archiveLambdaBundle("app", dist, join(root, "zips"));
    const files = unzipSync(readFileSync(archive.path));
    expect(Object.keys(files).sort()).toEqual(["handler.mjs", "handler.mjs.map"]);
    expect(Buffer.from(files["handler.mjs"]!).toString()).toBe("export const handler = 1;\n");
  });

  it("produces the same bytes and hashes from the same content, whenever and wherever it was built", () => {
    const first = scratch();
    const second = scratch();
    const a = archiveLambdaBundle(
      "app",
      writeBundle(first, "app", "export const handler = 2;\n"),
      join(first, "zips"),
    );
    const laterDist = writeBundle(second, "app", "export const handler = 2;\n");
    utimesSync(join(laterDist, "handler.mjs"), new Date("2030-01-01"), new Date("2030-01-01"));
    const b = archiveLambdaBundle("app", laterDist, join(second, "zips"));
    expect(b.contentHash).toBe(a.contentHash);
    expect(b.sourceCodeHash).toBe(a.sourceCodeHash);
    expect(readFileSync(b.path).equals(readFileSync(a.path))).toBe(true);
  });

  it("changes every hash when the code changes", () => {
    const root = scratch();
    const a = archiveLambdaBundle(
      "app",
      writeBundle(join(root, "a"), "app", "export const handler = 3;\n"),
      root,
    );
    const b = archiveLambdaBundle(
      "app",
      writeBundle(join(root, "b"), "app", "export const handler = 4;\n"),
      root,
    );
    expect(b.contentHash).not.toBe(a.contentHash);
    expect(b.sourceCodeHash).not.toBe(a.sourceCodeHash);
    expect(b.path).not.toBe(a.path);
  });
});
