import { RECIPES, type RecipeName } from "@personalize-ab/domain";
import type { TrainedStrategy } from "@personalize-ab/personalize-manager/pipeline";

/**
 * The recipe each trained strategy uses. User-Personalization-v2 replaces v1: it trains faster,
 * scales to more items and takes the same interactions (and optional items) datasets, so it fits.
 */
export const SOLUTION_RECIPES: Readonly<Record<TrainedStrategy, RecipeName>> = {
  "user-personalization": "aws-user-personalization-v2",
  "similar-items": "aws-sims",
  popularity: "aws-popularity-count",
};

export function recipeArn(strategy: TrainedStrategy): string {
  return RECIPES[SOLUTION_RECIPES[strategy]].arn;
}
