import {
  creditImpression,
  type InterleavedList,
  interleavingPreference,
  type PreferenceResult,
  type UserCredits,
} from "@personalize-ab/statistics";

/** One user's interleaved list as the platform showed it, and the clicks the platform accepted. */
export interface ShownList {
  /** The user's place in the run: the truth is put together in this order, whatever the concurrency. */
  readonly userIndex: number;
  /** The experiment's variants in declared order (`interleaving.variants`). */
  readonly variants: readonly string[];
  readonly itemIds: readonly string[];
  /** The variant that contributed each item; empty for the popular fallback (every variant failed). */
  readonly contributedBy: readonly string[];
  readonly failed: readonly string[];
  /** Served from the popular fallback because every variant failed. */
  readonly fromFallback: boolean;
  readonly clickedItemIds: readonly string[];
}

/** One pair's truth, as the results API's `pairs` give it: credits of the users' impressions. */
export interface PairTruth extends PreferenceResult {
  readonly a: string;
  readonly b: string;
  /** Users whose impression was credited win / loss / tie for `a` (each user has one impression). */
  readonly wins: number;
  readonly losses: number;
  readonly ties: number;
}

export interface ContributedItems {
  /** Items of the variant's listed to users. */
  readonly shown: number;
  /** Of those, items clicked (each at most once per list). */
  readonly clicked: number;
}

/** Exactly what an interleaving run showed and sent. */
export interface InterleavingTruth {
  readonly kind: "interleaving";
  readonly test_name: string;
  readonly seed: number;
  readonly variants: readonly string[];
  /** Users shown an interleaved list: one impression each. */
  readonly impressions: number;
  /** Impressions with at least one click sent. */
  readonly clicked_impressions: number;
  /** Lists from the popular fallback (every variant failed): no item has a variant's click rate. */
  readonly fallback_impressions: number;
  /** Impressions each variant failed for. */
  readonly failures: Readonly<Record<string, number>>;
  readonly items: Readonly<Record<string, ContributedItems>>;
  /** One per two variants, in declared order. */
  readonly pairs: readonly PairTruth[];
}

/**
 * Credits each user's list per pair with the statistics package's team-draft credit
 * (`creditImpression`) and analyses each pair over users (`interleavingPreference`), as the
 * results do: an impression counts for a pair when neither variant failed and one of their items
 * was clicked.
 */
function pairTruth(
  a: string,
  b: string,
  variants: readonly string[],
  lists: readonly ShownList[],
): PairTruth {
  const perUser: UserCredits[] = [];
  for (const shown of lists) {
    if (shown.failed.includes(a) || shown.failed.includes(b)) continue;
    const list: InterleavedList = {
      items: [...shown.itemIds],
      teams: shown.contributedBy.map((variant) => variants.indexOf(variant)),
    };
    const { credit, clicks } = creditImpression(
      list,
      shown.clickedItemIds,
      variants.indexOf(a),
      variants.indexOf(b),
    );
    if (clicks[0] + clicks[1] === 0) continue;
    perUser.push({
      wins: Number(credit === "win"),
      losses: Number(credit === "loss"),
      ties: Number(credit === "tie"),
    });
  }
  const total = (field: keyof UserCredits) => perUser.reduce((sum, credits) => sum + credits[field], 0);
  return {
    a,
    b,
    ...interleavingPreference(perUser),
    wins: total("wins"),
    losses: total("losses"),
    ties: total("ties"),
  };
}

export function interleavingTruth(
  testName: string,
  seed: number,
  shown: readonly ShownList[],
): InterleavingTruth {
  const lists = [...shown].sort((x, y) => x.userIndex - y.userIndex);
  const variants = lists[0]?.variants ?? [];
  const failures = Object.fromEntries(variants.map((variant) => [variant, 0]));
  const items = Object.fromEntries(variants.map((variant) => [variant, { shown: 0, clicked: 0 }]));
  for (const list of lists) {
    for (const variant of list.failed) failures[variant] = (failures[variant] ?? 0) + 1;
    list.contributedBy.forEach((variant, position) => {
      items[variant] ??= { shown: 0, clicked: 0 };
      items[variant].shown += 1;
      if (list.clickedItemIds.includes(list.itemIds[position]!)) items[variant].clicked += 1;
    });
  }
  return {
    kind: "interleaving",
    test_name: testName,
    seed,
    variants,
    impressions: lists.length,
    clicked_impressions: lists.filter((list) => list.clickedItemIds.length > 0).length,
    fallback_impressions: lists.filter((list) => list.fromFallback).length,
    failures,
    items,
    pairs: variants.flatMap((a, i) => variants.slice(i + 1).map((b) => pairTruth(a, b, variants, lists))),
  };
}
