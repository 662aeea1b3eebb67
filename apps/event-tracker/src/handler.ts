import { authorizeUser, httpHandler, jsonResponse, parseJsonBody } from "@personalize-ab/adapters/http";
import { metrics } from "@personalize-ab/adapters/powertools";
import { eventRequestSchema, METRIC_DIMENSIONS, UNATTRIBUTED } from "@personalize-ab/domain";
import { trackEvent } from "./track-event";

/**
 * POST /events `{user_id, event_type, item_id?, session_id?, recommendation_id?, event_value?,
 * properties?, event_id?, timestamp?}` -> 202 `{event_id, duplicate, forwarded}` once stored.
 */
export const handler = httpHandler(async (event) => {
  const receivedAtMs = Date.now();
  const request = parseJsonBody(event, eventRequestSchema);
  authorizeUser(event, request.user_id);
  const tracked = await trackEvent(request, receivedAtMs);
  // Every event metric in one dimension set: an unassigned user's events count under "none".
  metrics.addDimension(METRIC_DIMENSIONS.experiment, tracked.event.testName ?? UNATTRIBUTED);
  metrics.addDimension(METRIC_DIMENSIONS.variant, tracked.event.variant ?? UNATTRIBUTED);
  return jsonResponse(202, tracked.response);
});
