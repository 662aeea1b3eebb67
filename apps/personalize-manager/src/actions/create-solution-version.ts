import {
  CreateSolutionVersionCommand,
  DescribeSolutionVersionCommand,
  type PersonalizeClient,
  paginateListSolutionVersions,
} from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn, resourceName } from "../fields";
import { createOrFind } from "../lookup";

/** Version summaries carry no name, so a named version is found by describing the solution's versions. */
async function findVersionByName(
  personalize: PersonalizeClient,
  solutionArn: string,
  name: string,
): Promise<string | undefined> {
  for await (const page of paginateListSolutionVersions({ client: personalize }, { solutionArn })) {
    for (const summary of page.solutionVersions ?? []) {
      const { solutionVersion } = await personalize.send(
        new DescribeSolutionVersionCommand({ solutionVersionArn: summary.solutionVersionArn }),
      );
      if (solutionVersion?.name === name) return solutionVersion.solutionVersionArn;
    }
  }
  return undefined;
}

export const createSolutionVersion = defineAction({
  name: "create_solution_version",
  input: z.object({
    solution_arn: personalizeArn,
    // Named per pipeline run so that a retried task finds the version it started instead of training twice.
    solution_version_name: resourceName,
    training_mode: z.enum(["FULL", "UPDATE"]).default("FULL"),
  }),
  async run(input, { personalize }) {
    const { value, created } = await createOrFind(
      "solution version",
      async () =>
        (
          await personalize.send(
            new CreateSolutionVersionCommand({
              name: input.solution_version_name,
              solutionArn: input.solution_arn,
              trainingMode: input.training_mode,
            }),
          )
        ).solutionVersionArn,
      () => findVersionByName(personalize, input.solution_arn, input.solution_version_name),
    );
    return { solution_version_arn: value, created };
  },
});
