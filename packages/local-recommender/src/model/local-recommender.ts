import type { ResolvedFilter, Strategy } from "@personalize-ab/domain";
import type { Interaction } from "@personalize-ab/sample-data";
import { keepForUser } from "./item-filter";
import { ItemIndex } from "./item-index";
import { type PopularityModel, trainPopularity } from "./popularity-model";
import { type Neighbor, type SimilarItemsOptions, trainSimilarItems } from "./similar-items-model";
import { UserHistories } from "./user-histories";

export interface ScoredItem {
  readonly itemId: string;
  readonly score: number;
  /** A popular item filling what the recipe's own list (after any filter) left short. */
  readonly popularPlaceholder?: true;
}

export interface RecommendationQuery {
  readonly userId?: string;
  readonly itemId?: string;
  readonly numResults: number;
  /** A filter's condition and its values, as the request resolved them. */
  readonly filter?: ResolvedFilter | undefined;
}

export interface TrainingOptions {
  /** Catalog items, so that items nobody touched yet still count for ranking and coverage. */
  readonly itemIds?: Iterable<string>;
  /** Items dataset rows (keyed by its columns, e.g. CATEGORY), which Items filters match on. */
  readonly itemFields?: Iterable<readonly [itemId: string, fields: Readonly<Record<string, string>>]>;
  readonly similarItems?: SimilarItemsOptions;
}

export interface OnlineEvent {
  readonly userId: string;
  readonly itemId: string;
  readonly eventType: string;
  /** Epoch seconds. */
  readonly timestamp: number;
  readonly eventValue: number;
}

type Keep = (item: number) => boolean;
const KEEP_ALL: Keep = () => true;

/** How many of a user's latest interactions shape their recommendations, and how fast older ones fade. */
const RECENT_EVENTS = 30;
const RECENCY_DECAY = 0.85;
/** Breaks ties between equally similar items in favour of the popular one. */
const POPULARITY_TIEBREAK = 1e-6;

/**
 * The three recipes trained from one interactions dataset: popularity-count, SIMS and
 * user-personalization. User histories keep growing from events after training, so
 * user-personalization answers reflect them at once, as with a Personalize event tracker.
 */
export class LocalRecommender {
  private constructor(
    private readonly items: ItemIndex,
    private readonly histories: UserHistories,
    private readonly popularity: PopularityModel,
    private readonly neighbors: Neighbor[][],
    private readonly itemFields: ReadonlyMap<number, Readonly<Record<string, string>>>,
    /** Wall-clock milliseconds that training took. */
    readonly trainingMs: number,
  ) {}

  static train(interactions: readonly Interaction[], options: TrainingOptions = {}): LocalRecommender {
    const started = performance.now();
    const items = new ItemIndex();
    for (const itemId of options.itemIds ?? []) items.add(itemId);
    const itemFields = new Map<number, Readonly<Record<string, string>>>();
    for (const [itemId, fields] of options.itemFields ?? []) itemFields.set(items.add(itemId), fields);
    const histories = new UserHistories();
    const interactionItems: number[] = [];
    for (const interaction of interactions) {
      const item = items.add(interaction.itemId);
      interactionItems.push(item);
      histories.add(interaction.userId, {
        item,
        timestamp: interaction.timestamp,
        value: interaction.eventValue,
        eventType: interaction.eventType,
      });
    }
    const popularity = trainPopularity(interactionItems, items.size);
    const neighbors = trainSimilarItems(histories, items.size, options.similarItems);
    return new LocalRecommender(
      items,
      histories,
      popularity,
      neighbors,
      itemFields,
      performance.now() - started,
    );
  }

  get itemCount(): number {
    return this.items.size;
  }

  /** The item a user interacted with last, if any. */
  lastItemOf(userId: string): string | undefined {
    const last = this.histories.of(userId).at(-1);
    return last === undefined ? undefined : this.items.idAt(last.item);
  }

  recommend(strategy: Strategy, query: RecommendationQuery): ScoredItem[] {
    const keep = query.filter
      ? keepForUser(query.filter, this.histories.of(query.userId ?? ""), (item) => this.itemFields.get(item))
      : KEEP_ALL;
    switch (strategy) {
      case "popularity":
        return this.topPopular(query.numResults, keep);
      case "similar-items":
        return this.similarTo(query.itemId ?? "", query.numResults, keep);
      case "user-personalization":
        return this.forUser(query.userId ?? "", query.numResults, keep);
    }
  }

  /** Orders `itemIds` for the user, best first; items the model does not know go last, in input order. */
  rank(
    strategy: Exclude<Strategy, "similar-items">,
    userId: string,
    itemIds: readonly string[],
  ): ScoredItem[] {
    const personal =
      strategy === "user-personalization" ? this.personalScores(userId) : new Map<number, number>();
    const scored = itemIds.map((itemId, order) => {
      const item = this.items.positionOf(itemId);
      const score =
        item === undefined
          ? 0
          : (personal.get(item) ?? 0) +
            (strategy === "popularity" ? 1 : POPULARITY_TIEBREAK) * this.popularity.scores[item]!;
      return { itemId, score, order };
    });
    scored.sort((a, b) => b.score - a.score || a.order - b.order);
    return scored.map(({ itemId, score }) => ({ itemId, score }));
  }

  /** Adds an event to the user's history, as PutEvents does for a Personalize campaign. */
  recordEvent(event: OnlineEvent): void {
    const item = this.items.add(event.itemId);
    if (item >= this.neighbors.length) this.neighbors.push([]);
    this.histories.add(event.userId, {
      item,
      timestamp: event.timestamp,
      value: event.eventValue,
      eventType: event.eventType,
    });
  }

  private topPopular(count: number, keep: Keep, exclude: ReadonlySet<number> = new Set()): ScoredItem[] {
    const result: ScoredItem[] = [];
    for (const item of this.popularity.ranked) {
      if (result.length >= count) break;
      if (!exclude.has(item) && keep(item))
        result.push({ itemId: this.items.idAt(item), score: this.popularity.scores[item]! });
    }
    return result;
  }

  /** Popular items, unscored, that fill a list the recipe left short. */
  private placeholders(count: number, keep: Keep, taken: ReadonlySet<number>): ScoredItem[] {
    return this.topPopular(count, keep, taken).map((popular) => ({
      ...popular,
      score: 0,
      popularPlaceholder: true,
    }));
  }

  /** SIMS: the item's nearest neighbours, backfilled with popular items as Personalize does. */
  private similarTo(itemId: string, count: number, keep: Keep): ScoredItem[] {
    const item = this.items.positionOf(itemId);
    if (item === undefined) return this.topPopular(count, keep);
    const neighbors = this.neighbors[item]!.filter((neighbor) => keep(neighbor.item)).slice(0, count);
    const result: ScoredItem[] = neighbors.map((neighbor) => ({
      itemId: this.items.idAt(neighbor.item),
      score: neighbor.similarity,
    }));
    if (result.length < count) {
      const taken = new Set([item, ...neighbors.map((neighbor) => neighbor.item)]);
      result.push(...this.placeholders(count - result.length, keep, taken));
    }
    return result;
  }

  /**
   * User-personalization: items similar to what the user did lately, weighted by recency and
   * event value, never items they already interacted with; popular items fill what is left.
   */
  private forUser(userId: string, count: number, keep: Keep): ScoredItem[] {
    const seen = new Set(this.histories.of(userId).map((event) => event.item));
    const scores = this.personalScores(userId);
    const total = [...scores.values()].reduce((sum, score) => sum + score, 0);
    const ranked = [...scores]
      .filter(([item]) => !seen.has(item) && keep(item))
      .map(([item, score]) => ({ item, score: score + POPULARITY_TIEBREAK * this.popularity.scores[item]! }))
      .sort((a, b) => b.score - a.score || a.item - b.item)
      .slice(0, count);
    const result: ScoredItem[] = ranked.map(({ item, score }) => ({
      itemId: this.items.idAt(item),
      score: score / total,
    }));
    if (result.length < count) {
      const taken = new Set([...seen, ...ranked.map((entry) => entry.item)]);
      result.push(...this.placeholders(count - result.length, keep, taken));
    }
    return result;
  }

  private personalScores(userId: string): Map<number, number> {
    const scores = new Map<number, number>();
    const recent = this.histories.of(userId).slice(-RECENT_EVENTS);
    for (let age = 0; age < recent.length; age++) {
      const event = recent[recent.length - 1 - age]!;
      const weight = RECENCY_DECAY ** age * (1 + event.value);
      for (const neighbor of this.neighbors[event.item]!) {
        scores.set(neighbor.item, (scores.get(neighbor.item) ?? 0) + weight * neighbor.similarity);
      }
    }
    return scores;
  }
}
