import { SeededRandom, WeightedSampler } from "@personalize-ab/statistics";
import {
  BRAND_COUNT,
  CATEGORIES,
  EVENT_TYPES,
  GENDERS,
  type Interaction,
  type SampleData,
  type SampleItem,
  type SampleUser,
  SUBSCRIPTION_TYPES,
} from "./sample-records";

export interface SampleDataOptions {
  readonly seed?: number;
  readonly users?: number;
  readonly items?: number;
  readonly interactions?: number;
  /** Interactions spread over this many days before `endTime`. */
  readonly days?: number;
  /** Epoch seconds; fixed by default so that a seed alone determines the output. */
  readonly endTime?: number;
}

/** The recipe's sizes. */
export const DEFAULT_SAMPLE_DATA_OPTIONS = {
  seed: 42,
  users: 1000,
  items: 2000,
  interactions: 50_000,
  days: 90,
  endTime: Date.UTC(2026, 0, 1) / 1000,
} as const satisfies Required<SampleDataOptions>;

const DAY_SECONDS = 86_400;

/** What drives a user's behaviour; never written to the datasets, only visible through it. */
interface UserTaste {
  readonly categories: readonly [number, number];
  readonly brands: readonly number[];
}

/** Items of one category (or category and brand), drawn in proportion to their popularity. */
class ItemPool {
  readonly items: number[] = [];
  private readonly weights: number[] = [];
  private sampler: WeightedSampler | undefined;

  add(item: number, popularity: number): void {
    this.items.push(item);
    this.weights.push(popularity);
  }

  draw(random: SeededRandom): number {
    this.sampler ??= new WeightedSampler(this.weights);
    return this.items[this.sampler.draw(random)]!;
  }
}

function padded(prefix: string, index: number): string {
  return `${prefix}_${String(index).padStart(5, "0")}`;
}

/**
 * Seeded sample data with the recipe's sizes, columns, event types and values, plus structure a
 * recommender can learn and an evaluation can measure: each user prefers two categories and a few
 * brands, item popularity has a long tail, and a session stays in one category and often one brand.
 */
export function generateSampleData(options: SampleDataOptions = {}): SampleData {
  const settings = { ...DEFAULT_SAMPLE_DATA_OPTIONS, ...options };
  const random = new SeededRandom(settings.seed);

  const users: SampleUser[] = [];
  const tastes: UserTaste[] = [];
  const activity: number[] = [];
  for (let index = 0; index < settings.users; index++) {
    users.push({
      userId: padded("user", index),
      age: random.int(18, 70),
      gender: random.pick(GENDERS),
      subscriptionType: random.pick(SUBSCRIPTION_TYPES),
    });
    const first = random.int(0, CATEGORIES.length - 1);
    const second = (first + random.int(1, CATEGORIES.length - 1)) % CATEGORIES.length;
    tastes.push({
      categories: [first, second],
      brands: [random.int(1, BRAND_COUNT), random.int(1, BRAND_COUNT), random.int(1, BRAND_COUNT)],
    });
    // Log-normal activity: a few heavy users, many light ones.
    activity.push(Math.exp(0.8 * random.normal()));
  }

  const items: SampleItem[] = [];
  const byCategory = CATEGORIES.map(() => new ItemPool());
  const byCategoryBrand = CATEGORIES.map(() => Array.from({ length: BRAND_COUNT + 1 }, () => new ItemPool()));
  const itemBrand: number[] = [];
  const itemCategory: number[] = [];
  const popularityRank = shuffledRanks(settings.items, random);
  for (let index = 0; index < settings.items; index++) {
    const category = random.int(0, CATEGORIES.length - 1);
    const brand = random.int(1, BRAND_COUNT);
    items.push({
      itemId: padded("item", index),
      category: CATEGORIES[category]!,
      price: Math.round(random.uniform(10, 500) * 100) / 100,
      brand: `brand_${brand}`,
      creationTimestamp: settings.endTime - random.int(1, 365) * DAY_SECONDS,
    });
    // Zipf-like popularity over a random order of items: a short head and a long tail.
    const popularity = 1 / (popularityRank[index]! + 10) ** 1.1;
    byCategory[category]!.add(index, popularity);
    byCategoryBrand[category]![brand]!.add(index, popularity);
    itemBrand.push(brand);
    itemCategory.push(category);
  }

  const pickUser = new WeightedSampler(activity);
  const pickEvent = new WeightedSampler(EVENT_TYPES.map((event) => event.weight));
  const start = settings.endTime - settings.days * DAY_SECONDS;
  const interactions: Interaction[] = [];

  const drawItem = (category: number, taste: UserTaste): number => {
    const favourite = byCategoryBrand[category]![random.pick(taste.brands)]!;
    if (favourite.items.length > 0 && random.next() < 0.35) return favourite.draw(random);
    return byCategory[category]!.draw(random);
  };

  while (interactions.length < settings.interactions) {
    const user = pickUser.draw(random);
    const taste = tastes[user]!;
    const roll = random.next();
    const category =
      roll < 0.55
        ? taste.categories[0]
        : roll < 0.85
          ? taste.categories[1]
          : random.int(0, CATEGORIES.length - 1);
    const length = random.int(2, 8);
    let time = start + random.int(0, settings.days * DAY_SECONDS - 3600);
    let item = drawItem(category, taste);
    for (let step = 0; step < length && interactions.length < settings.interactions; step++) {
      if (step > 0) {
        // Related items: often the same brand as the last one, always the session's category.
        const sameBrand = byCategoryBrand[itemCategory[item]!]![itemBrand[item]!]!;
        item = random.next() < 0.4 ? sameBrand.draw(random) : drawItem(category, taste);
        time += random.int(20, 300);
      }
      const event = EVENT_TYPES[pickEvent.draw(random)]!;
      interactions.push({
        userId: users[user]!.userId,
        itemId: items[item]!.itemId,
        eventType: event.type,
        timestamp: time,
        eventValue: event.value,
      });
    }
  }
  // Stable sort: events of one second keep their generation order, so the output is reproducible.
  interactions.sort((a, b) => a.timestamp - b.timestamp);
  return { users, items, interactions };
}

/** A random permutation of 0..count-1 (Fisher-Yates). */
function shuffledRanks(count: number, random: SeededRandom): number[] {
  const ranks = Array.from({ length: count }, (_, index) => index);
  for (let index = count - 1; index > 0; index--) {
    const other = random.int(0, index);
    [ranks[index], ranks[other]] = [ranks[other]!, ranks[index]!];
  }
  return ranks;
}
