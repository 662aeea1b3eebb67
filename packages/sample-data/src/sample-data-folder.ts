import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { DATASET_CSV_FILES, DATASET_TYPES } from "@personalize-ab/domain";
import { type DatasetCsvs, fromDatasetCsvs } from "./dataset-csv";
import type { SampleData } from "./sample-records";

/** Writes users.csv, items.csv and interactions.csv into `folder`; returns their paths. */
export async function writeDatasetCsvs(folder: string, csvs: DatasetCsvs): Promise<string[]> {
  await mkdir(folder, { recursive: true });
  return Promise.all(
    DATASET_TYPES.map(async (dataset) => {
      const path = join(folder, DATASET_CSV_FILES[dataset]);
      await writeFile(path, csvs[dataset]);
      return path;
    }),
  );
}

export async function readDatasetCsvs(folder: string): Promise<DatasetCsvs> {
  const entries = await Promise.all(
    DATASET_TYPES.map(async (dataset) => [
      dataset,
      await readFile(join(folder, DATASET_CSV_FILES[dataset]), "utf8"),
    ]),
  );
  return Object.fromEntries(entries) as DatasetCsvs;
}

export async function readSampleDataFolder(folder: string): Promise<SampleData> {
  return fromDatasetCsvs(await readDatasetCsvs(folder));
}
