import { CreateDatasetGroupCommand, paginateListDatasetGroups } from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { resourceName } from "../fields";
import { createOrFind, findInPages } from "../lookup";

export const createDatasetGroup = defineAction({
  name: "create_dataset_group",
  input: z.object({
    dataset_group_name: resourceName,
    // The recipe created an ECOMMERCE domain group; our datasets use custom schemas, so the default
    // here is a Custom group and a domain is opt-in.
    domain: z.enum(["ECOMMERCE", "VIDEO_ON_DEMAND"]).optional(),
  }),
  async run(input, { personalize }) {
    const { value, created } = await createOrFind(
      "dataset group",
      async () =>
        (
          await personalize.send(
            new CreateDatasetGroupCommand({ name: input.dataset_group_name, domain: input.domain }),
          )
        ).datasetGroupArn,
      async () =>
        (
          await findInPages(
            paginateListDatasetGroups({ client: personalize }, {}),
            (page) => page.datasetGroups,
            (group) => group.name === input.dataset_group_name,
          )
        )?.datasetGroupArn,
    );
    return { dataset_group_arn: value, created };
  },
});
