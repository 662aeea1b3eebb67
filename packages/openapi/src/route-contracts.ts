import {
  assignmentRequestSchema,
  assignmentResponseSchema,
  createExperimentRequestSchema,
  eventRequestSchema,
  eventResponseSchema,
  experimentHistoryResponseSchema,
  experimentListResponseSchema,
  experimentPreviewRequestSchema,
  experimentPreviewResponseSchema,
  experimentRecordSchema,
  recommendationRequestSchema,
  recommendationResponseSchema,
  statusChangeRequestSchema,
  updateExperimentRequestSchema,
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
    /** An answer as the API gives it; the tests parse it with the response schema. */
    readonly example?: Record<string, unknown>;
  };
  /** Request bodies to try (the recipe's own validation payloads); none for a route without a body. */
  readonly examples: Readonly<Record<string, RouteExample>>;
}

/** The experiment the examples walk through: created by POST /experiments, then edited and started. */
export const EXAMPLE_TEST_NAME = "homepage_carousel";

const experimentResponse = { name: "Experiment", schema: experimentRecordSchema, status: 200 } as const;
const exampleVariants = [
  { id: "control", weight: 0.5, recipe: "aws-popularity-count", description: "Popular items" },
  { id: "personalized", weight: 0.5, recipe: "aws-user-personalization", description: "Personalized" },
];

/** A similar-items answer: every item says why it is there. */
const RECOMMENDATION_EXAMPLE = {
  user_id: "user_00003",
  test_name: "default_recommendation_test",
  variant: "variant_b",
  status: "active",
  algorithm: "Item-to-Item Similarity Algorithm",
  recommendation_id: "RID-5b0c8f4e-2d7a-4c1b-9f3e-8a6d2c4b1e07",
  recommendations: [
    {
      item_id: "item_01234",
      score: 0.4182,
      category: "books",
      price: 24.99,
      brand: "brand_07",
      reason: { code: "similar_to_interacted", item_id: "item_00042", text: "Because you viewed item_00042" },
    },
  ],
  source: "personalize",
  timestamp: "2026-12-02T01:00:00.000Z",
};

/** A preview of the recipe's test for a user the hash would put in variant_c (nothing stored yet). */
const PREVIEW_EXAMPLE = {
  test_name: "default_recommendation_test",
  user_id: "user_00003",
  status: "active",
  assigned_variant: "variant_c",
  assignment: "would_assign",
  variants: [
    {
      variant: "variant_a",
      recipe: "aws-user-personalization",
      strategy: "user-personalization",
      algorithm: "User-Personalization Algorithm",
      source: "personalize",
      recommendations: [
        {
          item_id: "item_00310",
          score: 0.2114,
          category: "electronics",
          price: 149.99,
          brand: "brand_02",
          reason: { code: "recent_activity", text: "Based on your recent activity" },
        },
      ],
    },
    {
      variant: "variant_b",
      recipe: "aws-sims",
      strategy: "similar-items",
      algorithm: "Fallback - Popularity Based",
      source: "fallback",
      fallback_reason: "timeout",
      recommendations: [
        {
          item_id: "item_00001",
          score: null,
          category: "books",
          price: 12.99,
          brand: "brand_01",
          reason: { code: "fallback", text: "Popular across the store" },
        },
      ],
    },
    {
      variant: "variant_c",
      recipe: "aws-popularity-count",
      strategy: "popularity",
      algorithm: "Popularity-Based Algorithm",
      source: "personalize",
      recommendations: [
        {
          item_id: "item_00001",
          score: 0.0421,
          category: "books",
          price: 12.99,
          brand: "brand_01",
          reason: { code: "trending", text: "Popular with other shoppers" },
        },
      ],
    },
  ],
};

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
    response: {
      name: "RecommendationResponse",
      schema: recommendationResponseSchema,
      status: 200,
      example: RECOMMENDATION_EXAMPLE,
    },
    examples: {
      recipe: { summary: "The recipe's API test", value: { user_id: "user_00001", num_results: 5 } },
      similar_items: {
        summary: "Items like one item",
        value: { user_id: "user_00003", item_id: "item_00001", num_results: 3 },
      },
      not_purchased: {
        summary: "Nothing the user already bought",
        value: { user_id: "user_00004", num_results: 5, filter: "exclude-purchased" },
      },
      category_page: {
        summary: "Only some categories",
        value: {
          user_id: "user_00005",
          num_results: 5,
          filter: "category",
          filter_values: { CATEGORY: ["books"] },
        },
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
  "POST /experiments": {
    summary: "Create an experiment",
    description:
      "Validates the record (every problem named by field) and stores it as version 1, a draft unless `status` is active. 409 `experiment_exists` if the name is taken.",
    request: { name: "CreateExperimentRequest", schema: createExperimentRequestSchema },
    response: { ...experimentResponse, status: 201 },
    examples: {
      fixed: {
        summary: "A fixed 50/50 split, as a draft",
        value: { name: EXAMPLE_TEST_NAME, variants: exampleVariants },
      },
      bandit: {
        summary: "A Thompson-sampling bandit on purchase_rate with a 10 % holdout, started at once",
        value: {
          name: "homepage_bandit",
          status: "active",
          variants: exampleVariants,
          allocation: { type: "bandit", metric: "purchase_rate", holdout: 0.1 },
        },
      },
    },
  },
  "GET /experiments": {
    summary: "List experiments",
    description:
      "Every stored experiment by name, and the recipe's default test while no record of it is stored.",
    response: { name: "ExperimentList", schema: experimentListResponseSchema, status: 200 },
    examples: {},
  },
  "GET /experiments/{test_name}": {
    summary: "Show an experiment",
    description: "The record with its status, version, allocation and allocation periods.",
    response: experimentResponse,
    examples: {},
  },
  "PUT /experiments/{test_name}": {
    summary: "Replace an experiment's configuration",
    description:
      "The record as GET gave it, edited, with the `version` read (409 `version_conflict` if it moved on). A weight change starts a new allocation period; enrolled users keep their variant. Once started, variant ids and metrics are fixed (409 `experiment_started`); a completed experiment is final (409 `experiment_completed`).",
    request: { name: "UpdateExperimentRequest", schema: updateExperimentRequestSchema },
    response: experimentResponse,
    examples: {
      reweight: {
        summary: "homepage_carousel as created (version 1), with 30/70 weights",
        value: {
          version: 1,
          variants: exampleVariants.map((variant, index) => ({
            ...variant,
            weight: index === 0 ? 0.3 : 0.7,
          })),
        },
      },
    },
  },
  "POST /experiments/{test_name}/status": {
    summary: "Change an experiment's status",
    description:
      "draft → active, active ↔ paused, active | paused → completed (with a `winner`); anything else is 409 `invalid_transition`. Paused: no new enrollment, everyone served the control. Completed: everyone served the winner, nothing recorded.",
    request: { name: "StatusChangeRequest", schema: statusChangeRequestSchema },
    response: experimentResponse,
    examples: {
      start: { summary: "Start homepage_carousel", value: { status: "active" } },
      complete: {
        summary: "Complete it with its winner",
        value: { status: "completed", winner: "personalized" },
      },
    },
  },
  "POST /experiments/{test_name}/preview": {
    summary: "Preview every variant for a user",
    description:
      "What each variant would recommend the user (items enriched and explained as POST /recommendations serves them, fetched in parallel within the serving time budget; a variant whose campaign fails or is slow shows the fallback with `fallback_reason`, one whose campaign refuses the filter `source: refused` with `error`), and the user's variant: `stored`, `would_assign` (the sticky hash's choice), `fixed` (paused: the control; completed: the winner) or `interleaved`. A draft is previewed too. Writes nothing: no assignment, exposure, event or counter.",
    request: { name: "ExperimentPreviewRequest", schema: experimentPreviewRequestSchema },
    response: {
      name: "ExperimentPreview",
      schema: experimentPreviewResponseSchema,
      status: 200,
      example: PREVIEW_EXAMPLE,
    },
    examples: {
      user: {
        summary: "Every variant's five items for one user",
        value: { user_id: "user_00001", num_results: 5 },
      },
      similar_items: {
        summary: "Seeded by an item, as a product page asks",
        value: { user_id: "user_00003", item_id: "item_00001", num_results: 3 },
      },
    },
  },
  "GET /experiments/{test_name}/history": {
    summary: "An experiment's history",
    description:
      "Every write of the record, oldest first: version, time, IAM caller, action and the fields changed.",
    response: { name: "ExperimentHistory", schema: experimentHistoryResponseSchema, status: 200 },
    examples: {},
  },
};
