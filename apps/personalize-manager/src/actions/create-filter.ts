import { CreateFilterCommand, paginateListFilters } from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn, resourceName } from "../fields";
import { createOrFind, findInPages } from "../lookup";

/**
 * A Personalize filter in the dataset group. Filters cannot be changed, so a changed expression
 * comes under a new name (the pipeline puts a digest of the expression in it) and this never
 * finds an old filter with other rules.
 */
export const createFilter = defineAction({
  name: "create_filter",
  input: z.object({
    filter_name: resourceName,
    dataset_group_arn: personalizeArn,
    filter_expression: z
      .string({ error: "must be a string" })
      .min(1, "must not be empty")
      .max(2500, "must be at most 2500 characters"),
  }),
  async run(input, { personalize }) {
    const { value: filterArn, created } = await createOrFind(
      "filter",
      async () =>
        (
          await personalize.send(
            new CreateFilterCommand({
              name: input.filter_name,
              datasetGroupArn: input.dataset_group_arn,
              filterExpression: input.filter_expression,
            }),
          )
        ).filterArn,
      async () =>
        (
          await findInPages(
            paginateListFilters({ client: personalize }, { datasetGroupArn: input.dataset_group_arn }),
            (page) => page.Filters,
            (filter) => filter.name === input.filter_name,
          )
        )?.filterArn,
    );
    return { filter_arn: filterArn, created };
  },
});
