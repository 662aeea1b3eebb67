import {
  creditImpression,
  type InterleavedList,
  interleavingPreference,
  type PreferenceResult,
  type UserCredits,
} from "@personalize-ab/statistics";
import type { ActiveSpan } from "./experiment";
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

function insideSpans(spans: readonly ActiveSpan[] | undefined, atMs: number): boolean {
  if (spans === undefined) return true;
  return spans.some(
    (span) => atMs >= span.started_at && (span.ended_at === undefined || atMs < span.ended_at),
  );
}

/**
 * Credits every impression once per pair of variants and analyses each pair over users.
 * A click is an event of a click type on an item of the list, by the user it was shown to,
 * received while the experiment was active; an item counts once per impression, so a retried or
 * repeated event cannot count twice. An impression counts for a pair when both variants took part
 * and the pair's items got a click (win, loss or tie); impressions without such a click say
 * nothing about the pair.
 */
export function analyseInterleaving(
  variants: readonly string[],
  impressions: readonly InterleavedImpression[],
  events: readonly ListedItemEvent[],
  options: { readonly activeSpans?: readonly ActiveSpan[]; readonly alpha?: number } = {},
): InterleavingAnalysis {
  const clicksOf = new Map<string, Set<string>>();
  const impressionKey = (userId: string, recommendationId: string) => `${userId}\u0000${recommendationId}`;
  for (const event of events) {
    if (!INTERLEAVING_CLICK_EVENT_TYPES.includes(event.eventType)) continue;
    if (!insideSpans(options.activeSpans, event.receivedAtMs)) continue;
    const key = impressionKey(event.userId, event.recommendationId);
    const clicked = clicksOf.get(key) ?? new Set<string>();
    clicked.add(event.itemId);
    clicksOf.set(key, clicked);
  }

  const pairs = variants.flatMap((a, i) => variants.slice(i + 1).map((b) => ({ a, b })));
  const perPair = pairs.map(() => new Map<string, { wins: number; losses: number; ties: number }>());
  const failures: Record<string, number> = Object.fromEntries(variants.map((variant) => [variant, 0]));
  let clickedImpressions = 0;
  for (const impression of impressions) {
    for (const variant of impression.failed) if (variant in failures) failures[variant]! += 1;
    const clicked = clicksOf.get(impressionKey(impression.userId, impression.recommendationId));
    const listed = clicked ? impression.itemIds.filter((item) => clicked.has(item)) : [];
    if (listed.length === 0) continue;
    clickedImpressions += 1;
    const list: InterleavedList = {
      items: [...impression.itemIds],
      teams: impression.teams.map((team) => variants.indexOf(team)),
    };
    pairs.forEach(({ a, b }, pair) => {
      if (impression.failed.includes(a) || impression.failed.includes(b)) return;
      const { credit, clicks } = creditImpression(list, listed, variants.indexOf(a), variants.indexOf(b));
      if (clicks[0] + clicks[1] === 0) return;
      const users = perPair[pair]!;
      const credits = users.get(impression.userId) ?? { wins: 0, losses: 0, ties: 0 };
      if (credit === "win") credits.wins += 1;
      else if (credit === "loss") credits.losses += 1;
      else credits.ties += 1;
      users.set(impression.userId, credits);
    });
  }

  return {
    click_event_types: INTERLEAVING_CLICK_EVENT_TYPES,
    impressions: impressions.length,
    clicked_impressions: clickedImpressions,
    failures,
    pairs: pairs.map(({ a, b }, pair) => pairResult(a, b, [...perPair[pair]!.values()], options.alpha)),
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
