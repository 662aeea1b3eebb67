/**
 * The conversion steps a synthetic user may take after being shown recommendations, in funnel
 * order, each with the command-line option that sets its per-variant rate.
 */
export const FUNNEL_STEPS = [
  { eventType: "click", option: "click" },
  { eventType: "add_to_cart", option: "add-to-cart" },
  { eventType: "purchase", option: "purchase" },
] as const;

export type FunnelEventType = (typeof FUNNEL_STEPS)[number]["eventType"];
