/**
 * Whether a JSON value nests deeper than `max` levels (a scalar is 0 deep, `{}` and `[]` are 1).
 * Walks with an explicit stack, never recursion: a hostile body thousands of levels deep must be
 * refused before anything recursive (JSON.stringify, a schema) overflows the call stack on it.
 */
export function nestsDeeperThan(value: unknown, max: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  while (pending.length > 0) {
    const [current, depth] = pending.pop()!;
    if (typeof current !== "object" || current === null) continue;
    if (depth + 1 > max) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
