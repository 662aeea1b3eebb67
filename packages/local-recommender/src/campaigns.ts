import {
  FILTER_NAMES,
  type FilterName,
  PERSONALIZE_FILTERS,
  RECIPE_NAMES,
  type RecipeName,
} from "@personalize-ab/domain";

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

const recipeByCampaign = new Map<string, RecipeName>(
  RECIPE_NAMES.map((recipe) => [localCampaignArn(recipe), recipe]),
);

/** The recipe a local campaign serves, or undefined for an ARN no local campaign has. */
export function localCampaignRecipe(campaignArn: string): RecipeName | undefined {
  return recipeByCampaign.get(campaignArn);
}

/** The local filter of a declared one, e.g. `arn:aws:personalize:us-east-1:000000000000:filter/local-category`. */
export function localFilterArn(filter: FilterName): string {
  return `arn:aws:personalize:${LOCAL_REGION}:${LOCAL_ACCOUNT_ID}:filter/local-${filter}`;
}

export const LOCAL_FILTER_ARNS = Object.fromEntries(
  FILTER_NAMES.map((filter) => [filter, localFilterArn(filter)]),
) as Record<FilterName, string>;

/** The filters a local recommender holds unless told otherwise: every declared one, by ARN. */
export const LOCAL_FILTER_EXPRESSIONS: Readonly<Record<string, string>> = Object.fromEntries(
  FILTER_NAMES.map((filter) => [localFilterArn(filter), PERSONALIZE_FILTERS[filter].expression]),
);
