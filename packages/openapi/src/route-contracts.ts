import {
  assignmentRequestSchema,
  assignmentResponseSchema,
  eventRequestSchema,
  eventResponseSchema,
  recommendationRequestSchema,
  recommendationResponseSchema,
} from "@personalize-ab/domain";
import type * as z from "zod/mini";

export interface RouteExample {
  readonly summary: string;
  readonly value: Record<string, unknown>;
}

/** What the document says of one catalog route beyond its method, path and auth. */
export interface RouteContract {
  readonly summary: string;
  readonly description: string;
  readonly request?: { readonly name: string; readonly schema: z.ZodMiniType };
  readonly response: {
    readonly name: string;
    readonly schema: z.ZodMiniType;
    readonly status: 200 | 201 | 202;
  };
  /** Request bodies to try; the recipe's own validation payloads. */
  readonly examples: Readonly<Record<string, RouteExample>>;
}

/**
 * The contract of each route, keyed by the catalog's route key. A catalog route missing here is
 * still documented (method, path, parameters, auth, errors), with an untyped answer.
 */
export const ROUTE_CONTRACTS: Readonly<Record<string, RouteContract>> = {
  "POST /assignments": {
    summary: "Assign a user to a variant",
    description:
      "Sticky A/B assignment, bit-compatible with the recipe's router: the first assignment is stored, later calls return it.",
    request: { name: "AssignmentRequest", schema: assignmentRequestSchema },
    response: { name: "AssignmentResponse", schema: assignmentResponseSchema, status: 200 },
    examples: {
      recipe: { summary: "The recipe's router test", value: { user_id: "user_00001" } },
      default_test: {
        summary: "The recipe's default test, named",
        value: { user_id: "user_00002", test_name: "default_recommendation_test" },
      },
    },
  },
  "POST /recommendations": {
    summary: "Recommend items for a user",
    description:
      "Assigns the user, asks the variant's Personalize campaign, enriches the items and records the exposure; the popular list is the fallback.",
    request: { name: "RecommendationRequest", schema: recommendationRequestSchema },
    response: { name: "RecommendationResponse", schema: recommendationResponseSchema, status: 200 },
    examples: {
      recipe: { summary: "The recipe's API test", value: { user_id: "user_00001", num_results: 5 } },
      similar_items: {
        summary: "Items like one item",
        value: { user_id: "user_00003", item_id: "item_00001", num_results: 3 },
      },
    },
  },
  "POST /events": {
    summary: "Track an interaction event",
    description:
      "Stores the event once per event_id and forwards it to the Personalize event tracker; a failed forward is kept for replay.",
    request: { name: "EventRequest", schema: eventRequestSchema },
    response: { name: "EventResponse", schema: eventResponseSchema, status: 202 },
    examples: {
      purchase: {
        summary: "The recipe's API test: a purchase",
        value: { user_id: "user_00001", event_type: "purchase", item_id: "item_00001" },
      },
      view: {
        summary: "The recipe's tracker test: a view in a session",
        value: {
          user_id: "user_00001",
          event_type: "view",
          item_id: "item_00001",
          session_id: "session_123",
        },
      },
    },
  },
};
