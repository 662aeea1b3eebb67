import { GetSolutionMetricsCommand } from "@aws-sdk/client-personalize";
import { z } from "zod";
import { defineAction } from "../action";
import { personalizeArn } from "../fields";

export const getSolutionMetrics = defineAction({
  name: "get_solution_metrics",
  input: z.object({ solution_version_arn: personalizeArn }),
  async run(input, { personalize }) {
    const { metrics } = await personalize.send(
      new GetSolutionMetricsCommand({ solutionVersionArn: input.solution_version_arn }),
    );
    return { solution_version_arn: input.solution_version_arn, metrics: metrics ?? {} };
  },
});
