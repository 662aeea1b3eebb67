import {
  creditImpression,
  type ImpressionCredit,
  type InterleavedList,
  interleavingPreference,
  type PreferenceResult,
  type UserCredits,
} from "@personalize-ab/statistics";
import type { ActiveSpan } from "./experiment";

export type { ImpressionCredit, UserCredits } from "@personalize-ab/statistics";

import { INTERLEAVING_CLICK_EVENT_TYPES } from "./interleaving";

/** An interleaved list as its exposure recorded it. */
export interface InterleavedImpression {
  readonly userId: string;
  readonly recommendationId: string;
  readonly itemIds: readonly string[];
  /** The variant that contributed each item of `itemIds`. */
  readonly teams: readonly string[];
  /** Variants that failed for this request: their items are absent. */
  readonly failed: readonly string[];
}

/** A user's event that may click an item of an interleaved list. */
export interface ListedItemEvent {
  readonly userId: string;
  readonly recommendationId: string;
  readonly itemId: string;
  readonly eventType: string;
  /** Server time of receipt, epoch milliseconds. */
  readonly receivedAtMs: number;
}

/** One pair's analysis: the per-user preference for `a` over `b` with its interval and test. */
export interface PairResult extends PreferenceResult {
  readonly a: string;
  readonly b: string;
  /** Clicked impressions credited to the pair, summed over users. */
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
  /** The variant the significant preference favours, or null. */
  readonly favours: string | null;
}

export interface InterleavingAnalysis {
  readonly click_event_types: readonly string[];
  readonly impressions: number;
  /** Impressions with at least one click on a listed item. */
  readonly clicked_impressions: number;
  /** Impressions each variant failed for (left out of the pairs it belongs to). */
  readonly failures: Readonly<Record<string, number>>;
  readonly pairs: readonly PairResult[];
}

/** Every pair of variants, in declared order: (v0, v1), (v0, v2), ..., (v1, v2), ... */
export function interleavingPairs(variants: readonly string[]): { readonly a: string; readonly b: string }[] {
  return variants.flatMap((a, i) => variants.slice(i + 1).map((b) => ({ a, b })));
}

function insideSpans(spans: readonly ActiveSpan[] | undefined, atMs: number): boolean {
  if (spans === undefined) return true;
  return spans.some(
    (span) => atMs >= span.started_at && (span.ended_at === undefined || atMs < span.ended_at),
  );
}

/** Whether an event clicks for interleaving: a click type, received while the experiment was active. */
export function isInterleavingClick(
  event: Pick<ListedItemEvent, "eventType" | "receivedAtMs">,
  activeSpans: readonly ActiveSpan[] | undefined,
): boolean {
  return (
    INTERLEAVING_CLICK_EVENT_TYPES.includes(event.eventType) && insideSpans(activeSpans, event.receivedAtMs)
  );
}

/**
 * What one impression credits, given the set of items clicked on it: whether any listed item was
 * clicked, and per pair (as `interleavingPairs` orders them) the credit, or null when the pair
 * says nothing (a variant of the pair failed, or none of the pair's items got a click).
 */
export function impressionCredits(
  variants: readonly string[],
  impression: Pick<InterleavedImpression, "itemIds" | "teams" | "failed">,
  clicked: ReadonlySet<string>,
): { readonly clicked: boolean; readonly pairs: readonly (ImpressionCredit | null)[] } {
  const pairs = interleavingPairs(variants);
  const listed = impression.itemIds.filter((item) => clicked.has(item));
  if (listed.length === 0) return { clicked: false, pairs: pairs.map(() => null) };
  const list: InterleavedList = {
    items: [...impression.itemIds],
    teams: impression.teams.map((team) => variants.indexOf(team)),
  };
  return {
    clicked: true,
    pairs: pairs.map(({ a, b }) => {
      if (impression.failed.includes(a) || impression.failed.includes(b)) return null;
      const { credit, clicks } = creditImpression(list, listed, variants.indexOf(a), variants.indexOf(b));
      return clicks[0] + clicks[1] === 0 ? null : credit;
    }),
  };
}

/** A user's credits with one more credited impression. */
export function withCredit(credits: UserCredits | undefined, credit: ImpressionCredit): UserCredits {
  const base = credits ?? { wins: 0, losses: 0, ties: 0 };
  if (credit === "win") return { ...base, wins: base.wins + 1 };
  if (credit === "loss") return { ...base, losses: base.losses + 1 };
  return { ...base, ties: base.ties + 1 };
}

/** Every impression credited, by user: what the analysis and the counters' reconciliation start from. */
export interface CreditedImpressions {
  readonly impressions: number;
  readonly clicked_impressions: number;
  readonly failures: Readonly<Record<string, number>>;
  /** Per pair (as `interleavingPairs` orders them), each user's credits. */
  readonly perPair: readonly ReadonlyMap<string, UserCredits>[];
}

/**
 * Credits every impression once per pair of variants. A click is an event of a click type on an
 * item of the list, by the user it was shown to, received while the experiment was active; an item
 * counts once per impression, so a retried or repeated event cannot count twice. An impression
 * counts for a pair when both variants took part and the pair's items got a click (win, loss or
 * tie); impressions without such a click say nothing about the pair.
 */
export function creditImpressions(
  variants: readonly string[],
  impressions: readonly InterleavedImpression[],
  events: readonly ListedItemEvent[],
  activeSpans?: readonly ActiveSpan[],
): CreditedImpressions {
  const clicksOf = new Map<string, Set<string>>();
  const impressionKey = (userId: string, recommendationId: string) => `${userId}\u0000${recommendationId}`;
  for (const event of events) {
    if (!isInterleavingClick(event, activeSpans)) continue;
    const key = impressionKey(event.userId, event.recommendationId);
    const clicked = clicksOf.get(key) ?? new Set<string>();
    clicked.add(event.itemId);
    clicksOf.set(key, clicked);
  }
  const perPair = interleavingPairs(variants).map(() => new Map<string, UserCredits>());
  const failures: Record<string, number> = Object.fromEntries(variants.map((variant) => [variant, 0]));
  let clickedImpressions = 0;
  const none = new Set<string>();
  for (const impression of impressions) {
    for (const variant of impression.failed) if (variant in failures) failures[variant]! += 1;
    const clicked = clicksOf.get(impressionKey(impression.userId, impression.recommendationId)) ?? none;
    const credited = impressionCredits(variants, impression, clicked);
    if (!credited.clicked) continue;
    clickedImpressions += 1;
    credited.pairs.forEach((credit, pair) => {
      if (credit === null) return;
      const users = perPair[pair]!;
      users.set(impression.userId, withCredit(users.get(impression.userId), credit));
    });
  }
  return { impressions: impressions.length, clicked_impressions: clickedImpressions, failures, perPair };
}

/** The credited impressions analysed: per pair, the per-user preference with its interval and test. */
export function analyseInterleaving(
  variants: readonly string[],
  impressions: readonly InterleavedImpression[],
  events: readonly ListedItemEvent[],
  options: { readonly activeSpans?: readonly ActiveSpan[]; readonly alpha?: number } = {},
): InterleavingAnalysis {
  const credited = creditImpressions(variants, impressions, events, options.activeSpans);
  return {
    click_event_types: INTERLEAVING_CLICK_EVENT_TYPES,
    impressions: credited.impressions,
    clicked_impressions: credited.clicked_impressions,
    failures: credited.failures,
    pairs: interleavingPairs(variants).map(({ a, b }, pair) =>
      pairResult(a, b, [...credited.perPair[pair]!.values()], options.alpha),
    ),
  };
}

function pairResult(a: string, b: string, perUser: readonly UserCredits[], alpha?: number): PairResult {
  const preference = interleavingPreference(perUser, alpha);
  const total = (field: keyof UserCredits) => perUser.reduce((sum, credits) => sum + credits[field], 0);
  return {
    a,
    b,
    ...preference,
    wins: total("wins"),
    losses: total("losses"),
    ties: total("ties"),
    favours: preference.significant ? (preference.preference > 0 ? a : b) : null,
  };
}
