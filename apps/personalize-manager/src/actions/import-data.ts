import { CreateDatasetImportJobCommand, paginateListDatasetImportJobs } from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn, resourceName, roleArn, s3Uri } from "../fields";
import { createOrFind, findInPages } from "../lookup";

export const importData = defineAction({
  name: "import_data",
  input: z.object({
    dataset_arn: personalizeArn,
    job_name: resourceName,
    s3_data_source: s3Uri,
    role_arn: roleArn,
    // FULL replaces the dataset's bulk data with the file; the export is always the whole table.
    import_mode: z.enum(["FULL", "INCREMENTAL"]).default("FULL"),
  }),
  async run(input, { personalize }) {
    const { value, created } = await createOrFind(
      "dataset import job",
      async () =>
        (
          await personalize.send(
            new CreateDatasetImportJobCommand({
              jobName: input.job_name,
              datasetArn: input.dataset_arn,
              // The recipe passed `s3DataSource.path`, which the API does not know; `dataLocation` is the field.
              dataSource: { dataLocation: input.s3_data_source },
              roleArn: input.role_arn,
              importMode: input.import_mode,
            }),
          )
        ).datasetImportJobArn,
      async () =>
        (
          await findInPages(
            paginateListDatasetImportJobs({ client: personalize }, { datasetArn: input.dataset_arn }),
            (page) => page.datasetImportJobs,
            (job) => job.jobName === input.job_name,
          )
        )?.datasetImportJobArn,
    );
    return { dataset_import_job_arn: value, created };
  },
});
