import { interleavingCoin } from "@personalize-ab/domain";
import { teamDraftInterleave } from "@personalize-ab/statistics";
import type { Candidate } from "./serve-recommendations";

export interface RankedBy {
  readonly variant: string;
  readonly items: readonly Candidate[];
}

/**
 * The variants' lists drawn into one by team draft, the coin seeded by the recommendation id: the
 * same id and lists give the same list. Each item keeps its contributor's score.
 */
export function interleavedList(ranked: readonly RankedBy[], recommendationId: string, numResults: number) {
  const list = teamDraftInterleave(
    ranked.map(({ items }) => items.map((item) => item.itemId)),
    interleavingCoin(recommendationId),
    numResults,
  );
  const items = list.items.map((itemId, position) => {
    const contributor = ranked[list.teams[position]!]!;
    return contributor.items.find((item) => item.itemId === itemId)!;
  });
  return { recommendationId, items, teams: list.teams.map((team) => ranked[team]!.variant) };
}
