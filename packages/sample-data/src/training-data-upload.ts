import { PutObjectCommand, type S3Client } from "@aws-sdk/client-s3";
import { DATASET_CSV_FILES, DATASET_TYPES, TRAINING_DATA_PREFIX } from "@personalize-ab/domain";
import type { DatasetCsvs } from "./dataset-csv";

/** Uploads the three dataset CSVs under `training-data/`, where the import jobs read them; returns the keys. */
export async function uploadTrainingData(
  client: S3Client,
  bucket: string,
  csvs: DatasetCsvs,
): Promise<string[]> {
  return Promise.all(
    DATASET_TYPES.map(async (dataset) => {
      const key = `${TRAINING_DATA_PREFIX}${DATASET_CSV_FILES[dataset]}`;
      await client.send(
        new PutObjectCommand({ Bucket: bucket, Key: key, Body: csvs[dataset], ContentType: "text/csv" }),
      );
      return key;
    }),
  );
}
