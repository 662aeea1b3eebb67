import { CreateSolutionCommand, paginateListSolutions } from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn, resourceName } from "../fields";
import { createOrFind, findInPages } from "../lookup";

export const createSolution = defineAction({
  name: "create_solution",
  input: z.object({
    solution_name: resourceName,
    dataset_group_arn: personalizeArn,
    recipe_arn: personalizeArn,
  }),
  async run(input, { personalize }) {
    const { value, created } = await createOrFind(
      "solution",
      async () =>
        (
          await personalize.send(
            new CreateSolutionCommand({
              name: input.solution_name,
              datasetGroupArn: input.dataset_group_arn,
              recipeArn: input.recipe_arn,
            }),
          )
        ).solutionArn,
      async () =>
        (
          await findInPages(
            paginateListSolutions({ client: personalize }, { datasetGroupArn: input.dataset_group_arn }),
            (page) => page.solutions,
            (solution) => solution.name === input.solution_name,
          )
        )?.solutionArn,
    );
    return { solution_arn: value, created };
  },
});
