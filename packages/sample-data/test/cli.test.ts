import { execFile } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { toDatasetCsvs } from "../src/dataset-csv";
import { generateSampleData } from "../src/generate-sample-data";
import { readSampleDataFolder } from "../src/sample-data-folder";

const run = promisify(execFile);
const cli = (args: string[]) =>
  run("npx", ["tsx", "src/cli.ts", ...args], { cwd: join(import.meta.dirname, "..") });

describe("the generate CLI", () => {
  const folders: string[] = [];
  afterAll(() => Promise.all(folders.map((folder) => rm(folder, { recursive: true, force: true }))));

  it("writes the three CSVs of the given seed into the folder", async () => {
    const folder = await mkdtemp(join(tmpdir(), "sample-data-"));
    folders.push(folder);
    const { stdout } = await cli(["--out", folder, "--seed", "7"]);
    expect(stdout).toContain("Users: 1000\nItems: 2000\nInteractions: 50000\n");
    const expected = toDatasetCsvs(generateSampleData({ seed: 7 }));
    expect(await readFile(join(folder, "interactions.csv"), "utf8")).toBe(expected.interactions);
    expect(await readFile(join(folder, "items.csv"), "utf8")).toBe(expected.items);
    expect(await readFile(join(folder, "users.csv"), "utf8")).toBe(expected.users);
    expect((await readSampleDataFolder(folder)).users).toHaveLength(1000);
  });

  it("refuses a seed that is not a non-negative integer, with exit code 2", async () => {
    const failure = await cli(["--out", tmpdir(), "--seed", "abc"]).catch(
      (error: { code: number; stderr: string }) => error,
    );
    expect(failure).toMatchObject({ code: 2 });
    expect((failure as { stderr: string }).stderr).toContain(
      '--seed must be a non-negative integer, got "abc"',
    );
  });
});
