/** A source of uniform numbers in [0, 1); pass a seeded one so lists can be reproduced. */
export type UniformRandom = () => number;

export interface InterleavedList {
  readonly items: string[];
  /** For each item of `items`, the team (index into the rankings) that contributed it. */
  readonly teams: number[];
}

/**
 * Team-draft interleaving (Radlinski et al.): while every ranking has an item not yet in the list
 * and the list is shorter than `length`, the team with the fewest picks (a random one of those
 * tied — a coin flip for two) adds its highest-ranked item not yet in the list. Works for two or
 * more rankings (team-draft multileaving).
 */
export function teamDraftInterleave(
  rankings: readonly (readonly string[])[],
  random: UniformRandom,
  length = Number.POSITIVE_INFINITY,
): InterleavedList {
  const items: string[] = [];
  const teams: number[] = [];
  const used = new Set<string>();
  const picks = rankings.map(() => 0);
  const cursor = rankings.map(() => 0);
  const nextUnused = (team: number): string | undefined => {
    const ranking = rankings[team]!;
    while (cursor[team]! < ranking.length && used.has(ranking[cursor[team]!]!)) cursor[team]!++;
    return ranking[cursor[team]!];
  };
  while (
    items.length < length &&
    rankings.length > 0 &&
    rankings.every((_, team) => nextUnused(team) !== undefined)
  ) {
    const team = teamToPick(picks, random);
    const item = nextUnused(team)!;
    items.push(item);
    teams.push(team);
    used.add(item);
    picks[team]!++;
  }
  return { items, teams };
}

/** The team with the fewest picks; among several tied, one drawn uniformly (a coin flip for two). */
function teamToPick(picks: readonly number[], random: UniformRandom): number {
  let fewest = Number.POSITIVE_INFINITY;
  let tied = 0;
  for (const count of picks) {
    if (count < fewest) {
      fewest = count;
      tied = 1;
    } else if (count === fewest) tied++;
  }
  if (tied === 1) return picks.indexOf(fewest);
  let chosen = Math.min(tied - 1, Math.floor(random() * tied));
  for (let team = 0; team < picks.length; team++) {
    if (picks[team] === fewest && chosen-- === 0) return team;
  }
  throw new Error("unreachable: a tied team always exists");
}

export type ImpressionCredit = "win" | "loss" | "tie";

/**
 * Credit of one impression for team `a` against team `b`: h = clicks on the items each
 * contributed; `a` wins if h_a > h_b, loses if h_b > h_a, else a tie (also with no clicks).
 */
export function creditImpression(
  list: InterleavedList,
  clickedItems: Iterable<string>,
  a = 0,
  b = 1,
): { credit: ImpressionCredit; clicks: [number, number] } {
  const clicked = new Set(clickedItems);
  let clicksA = 0;
  let clicksB = 0;
  list.items.forEach((item, position) => {
    if (!clicked.has(item)) return;
    if (list.teams[position] === a) clicksA++;
    else if (list.teams[position] === b) clicksB++;
  });
  const credit = clicksA > clicksB ? "win" : clicksB > clicksA ? "loss" : "tie";
  return { credit, clicks: [clicksA, clicksB] };
}
