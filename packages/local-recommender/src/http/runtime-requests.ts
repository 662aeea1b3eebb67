import { z } from "zod";
import { personalizeId } from "./personalize-fields";

const arn = personalizeId(256);

/** Personalize takes up to 150 context entries, each a string of at most 1000 characters. */
const context = z
  .record(z.string().max(150), z.string({ error: "values must be strings" }).max(1000), {
    error: "must be a map of strings",
  })
  .refine((entries) => Object.keys(entries).length <= 150, "must have at most 150 entries");

const numResults = z
  .number({ error: "must be an integer" })
  .int("must be an integer")
  .min(1, "must be between 1 and 500")
  .max(500, "must be between 1 and 500");

/** GetRecommendations: the body the SDK's GetRecommendationsCommand sends to POST /recommendations. */
export const getRecommendationsRequest = z.object(
  {
    campaignArn: arn.optional(),
    recommenderArn: arn.optional(),
    userId: personalizeId(256).optional(),
    itemId: personalizeId(256).optional(),
    numResults: numResults.optional(),
    context: context.optional(),
    filterArn: arn.optional(),
    filterValues: z.record(z.string(), z.string()).optional(),
  },
  { error: "must be a JSON object" },
);

/** GetPersonalizedRanking: the body the SDK sends to POST /personalize-ranking. */
export const getPersonalizedRankingRequest = z.object(
  {
    campaignArn: arn,
    userId: personalizeId(256),
    inputList: z
      .array(personalizeId(256), { error: "must be a list of item ids" })
      .min(1, "must not be empty")
      .max(500, "must have at most 500 items"),
    context: context.optional(),
    filterArn: arn.optional(),
    filterValues: z.record(z.string(), z.string()).optional(),
  },
  { error: "must be a JSON object" },
);

export type GetRecommendationsRequest = z.infer<typeof getRecommendationsRequest>;
export type GetPersonalizedRankingRequest = z.infer<typeof getPersonalizedRankingRequest>;
