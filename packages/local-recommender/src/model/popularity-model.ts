/** aws-popularity-count: items ranked by how many interactions they have. */
export interface PopularityModel {
  /** Item positions, most interactions first; ties by position. */
  readonly ranked: readonly number[];
  /** Each item's share of all interactions. */
  readonly scores: Float64Array;
}

export function trainPopularity(itemsOfInteractions: Iterable<number>, itemCount: number): PopularityModel {
  const counts = new Float64Array(itemCount);
  let total = 0;
  for (const item of itemsOfInteractions) {
    counts[item]! += 1;
    total++;
  }
  const scores = counts.map((count) => (total === 0 ? 0 : count / total));
  const ranked = Array.from({ length: itemCount }, (_, item) => item)
    .filter((item) => counts[item]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b);
  return { ranked, scores };
}
