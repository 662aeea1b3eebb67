import { RECIPE_NAMES, RECIPES, type RecipeName, type Strategy } from "@personalize-ab/domain";

/** The account and region of every local ARN; Personalize's ARN shape, no real account behind it. */
export const LOCAL_REGION = "us-east-1";
export const LOCAL_ACCOUNT_ID = "000000000000";

/** The event tracker's tracking id that the local PutEvents accepts (Personalize issues UUIDs). */
export const LOCAL_TRACKING_ID = "00000000-0000-4000-8000-000000000001";

/** The local campaign serving a recipe, e.g. `arn:aws:personalize:us-east-1:000000000000:campaign/local-aws-sims`. */
export function localCampaignArn(recipe: RecipeName): string {
  return `arn:aws:personalize:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:campaign/local-${recipe}`;
}

export const LOCAL_CAMPAIGN_ARNS = Object.fromEntries(
  RECIPE_NAMES.map((recipe) => [recipe, localCampaignArn(recipe)]),
) as Record<RecipeName, string>;

const strategyByCampaign = new Map<string, Strategy>(
  RECIPE_NAMES.map((recipe) => [localCampaignArn(recipe), RECIPES[recipe].strategy]),
);

/** The strategy a local campaign serves, or undefined for an ARN no local campaign has. */
export function localCampaignStrategy(campaignArn: string): Strategy | undefined {
  return strategyByCampaign.get(campaignArn);
}
