/** Ranking metrics as Personalize defines them for a solution version, for one list of recommendations. */

export function precisionAt(
  k: number,
  recommended: readonly string[],
  relevant: ReadonlySet<string>,
): number {
  return recommended.slice(0, k).filter((item) => relevant.has(item)).length / k;
}

export function ndcgAt(k: number, recommended: readonly string[], relevant: ReadonlySet<string>): number {
  let dcg = 0;
  recommended.slice(0, k).forEach((item, index) => {
    if (relevant.has(item)) dcg += 1 / Math.log2(index + 2);
  });
  let ideal = 0;
  for (let index = 0; index < Math.min(k, relevant.size); index++) ideal += 1 / Math.log2(index + 2);
  return ideal === 0 ? 0 : dcg / ideal;
}

export function reciprocalRankAt(
  k: number,
  recommended: readonly string[],
  relevant: ReadonlySet<string>,
): number {
  const index = recommended.slice(0, k).findIndex((item) => relevant.has(item));
  return index === -1 ? 0 : 1 / (index + 1);
}
