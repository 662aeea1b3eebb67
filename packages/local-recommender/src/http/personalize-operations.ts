import { randomUUID } from "node:crypto";
import { PERSONALIZE_ITEM_REASONS, type RecipeName, strategyOf } from "@personalize-ab/domain";
import { eventValueOf } from "@personalize-ab/sample-data";
import { LOCAL_FILTER_EXPRESSIONS, LOCAL_TRACKING_ID, localCampaignRecipe } from "../campaigns";
import type { LocalRecommender, ScoredItem } from "../model/local-recommender";
import { putEventsRequest } from "./events-request";
import { resolveFilter } from "./filter-resolution";
import { invalidInput, resourceNotFound } from "./personalize-error";
import { parseRequest } from "./request-validation";
import { getPersonalizedRankingRequest, getRecommendationsRequest } from "./runtime-requests";

/** Handles one parsed JSON body; returns the response body, or undefined for an empty 200. */
export type Operation = (body: unknown) => object | undefined;

const DEFAULT_NUM_RESULTS = 25;
const CAMPAIGN_ARN = /^arn:aws[a-z-]*:personalize:[a-z0-9-]+:\d{12}:campaign\/[A-Za-z0-9][A-Za-z0-9_-]*$/;

function campaignRecipe(campaignArn: string): RecipeName {
  if (!CAMPAIGN_ARN.test(campaignArn))
    throw invalidInput(`campaignArn: "${campaignArn}" is not a campaign ARN`);
  const recipe = localCampaignRecipe(campaignArn);
  if (!recipe) throw resourceNotFound(`Campaign ${campaignArn} does not exist.`);
  return recipe;
}

/** Only User-Personalization-v2 says why per item, and only for what it marks (here: placeholders). */
function itemListOf(recipe: RecipeName, items: readonly ScoredItem[]) {
  return items.map(({ itemId, score, popularPlaceholder }) => ({
    itemId,
    score,
    ...(recipe === "aws-user-personalization-v2" &&
      popularPlaceholder && { reason: [PERSONALIZE_ITEM_REASONS.popular] }),
  }));
}

/** Personalize's recommendation ids are at most 40 characters, which PutEvents enforces. */
const recommendationId = () => `RID-${randomUUID()}`;

/**
 * The Personalize runtime and events operations over the local recommender, keyed by the
 * HTTP paths of the Personalize API (restJson1), which the SDK and the CLI call.
 */
export function personalizeOperations(
  recommender: LocalRecommender,
  trackingId: string = LOCAL_TRACKING_ID,
  filters: Readonly<Record<string, string>> = LOCAL_FILTER_EXPRESSIONS,
): Record<string, Operation> {
  return {
    "/recommendations": (body) => {
      const request = parseRequest(getRecommendationsRequest, body);
      if (request.campaignArn === undefined) {
        if (request.recommenderArn !== undefined) {
          throw resourceNotFound(`Recommender ${request.recommenderArn} does not exist.`);
        }
        throw invalidInput("campaignArn: is required");
      }
      const recipe = campaignRecipe(request.campaignArn);
      const strategy = strategyOf(recipe);
      const filter = resolveFilter(filters, request.filterArn, request.filterValues);
      if (strategy === "similar-items" && request.itemId === undefined) {
        throw invalidInput("itemId: is required for a campaign of the SIMS recipe");
      }
      if (strategy !== "similar-items" && request.userId === undefined) {
        throw invalidInput("userId: is required for a campaign of this recipe");
      }
      const items = recommender.recommend(strategy, {
        ...(request.userId !== undefined && { userId: request.userId }),
        ...(request.itemId !== undefined && { itemId: request.itemId }),
        numResults: request.numResults ?? DEFAULT_NUM_RESULTS,
        filter,
      });
      return { itemList: itemListOf(recipe, items), recommendationId: recommendationId() };
    },

    "/personalize-ranking": (body) => {
      const request = parseRequest(getPersonalizedRankingRequest, body);
      const strategy = strategyOf(campaignRecipe(request.campaignArn));
      if (request.filterArn !== undefined)
        throw invalidInput("filterArn: the local recommender does not filter rankings");
      if (strategy === "similar-items") {
        throw invalidInput("campaignArn: a campaign of the SIMS recipe cannot rank items for a user");
      }
      const personalizedRanking = recommender.rank(strategy, request.userId, request.inputList);
      return { personalizedRanking, recommendationId: recommendationId() };
    },

    "/events": (body) => {
      const request = parseRequest(putEventsRequest, body);
      if (request.trackingId !== trackingId) {
        throw resourceNotFound(`No event tracker has the tracking id ${request.trackingId}.`);
      }
      // Only events that tie a known user to an item can shape that user's recommendations.
      if (request.userId === undefined) return undefined;
      for (const event of request.eventList) {
        if (event.itemId === undefined) continue;
        recommender.recordEvent({
          userId: request.userId,
          itemId: event.itemId,
          eventType: event.eventType,
          timestamp: event.sentAt,
          eventValue: event.eventValue ?? eventValueOf(event.eventType),
        });
      }
      return undefined;
    },
  };
}
