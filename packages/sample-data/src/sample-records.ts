/** The records the generator produces; each maps to one row of a Personalize dataset CSV. */

/** The recipe's event types, their sampling weights and EVENT_VALUE. */
export const EVENT_TYPES = [
  { type: "view", weight: 0.6, value: 0.1 },
  { type: "purchase", weight: 0.1, value: 1.0 },
  { type: "add_to_cart", weight: 0.15, value: 0.5 },
  { type: "like", weight: 0.1, value: 0.1 },
  { type: "share", weight: 0.05, value: 0.1 },
] as const;

export type EventType = (typeof EVENT_TYPES)[number]["type"];

/** The recipe's EVENT_VALUE for an event type: 1.0 purchase, 0.5 add_to_cart, 0.1 otherwise. */
export function eventValueOf(eventType: string): number {
  return EVENT_TYPES.find((event) => event.type === eventType)?.value ?? 0.1;
}

export const CATEGORIES = ["electronics", "books", "clothing", "sports", "home", "automotive"] as const;
export const BRAND_COUNT = 50;
export const GENDERS = ["M", "F"] as const;
export const SUBSCRIPTION_TYPES = ["free", "premium", "enterprise"] as const;

export interface SampleUser {
  readonly userId: string;
  readonly age: number;
  readonly gender: string;
  readonly subscriptionType: string;
}

export interface SampleItem {
  readonly itemId: string;
  readonly category: string;
  /** Rounded to cents. */
  readonly price: number;
  readonly brand: string;
  /** Epoch seconds. */
  readonly creationTimestamp: number;
}

export interface Interaction {
  readonly userId: string;
  readonly itemId: string;
  readonly eventType: string;
  /** Epoch seconds. */
  readonly timestamp: number;
  readonly eventValue: number;
}

export interface SampleData {
  readonly users: readonly SampleUser[];
  readonly items: readonly SampleItem[];
  /** In time order. */
  readonly interactions: readonly Interaction[];
}
