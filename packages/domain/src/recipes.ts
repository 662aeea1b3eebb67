/** The Personalize recipes a variant can serve, with the strategy each one implements. */
export const RECIPES = {
  "aws-user-personalization": {
    strategy: "user-personalization",
    arn: "arn:aws:personalize:::recipe/aws-user-personalization",
  },
  "aws-user-personalization-v2": {
    strategy: "user-personalization",
    arn: "arn:aws:personalize:::recipe/aws-user-personalization-v2",
  },
  "aws-sims": { strategy: "similar-items", arn: "arn:aws:personalize:::recipe/aws-sims" },
  "aws-popularity-count": {
    strategy: "popularity",
    arn: "arn:aws:personalize:::recipe/aws-popularity-count",
  },
} as const;

export type RecipeName = keyof typeof RECIPES;
export type Strategy = (typeof RECIPES)[RecipeName]["strategy"];

export const RECIPE_NAMES = Object.keys(RECIPES) as [RecipeName, ...RecipeName[]];

export function strategyOf(recipe: RecipeName): Strategy {
  return RECIPES[recipe].strategy;
}
