import type { Interaction } from "@personalize-ab/sample-data";

export interface Holdout {
  readonly train: Interaction[];
  /** Per user, the interactions held out for testing, in time order. */
  readonly test: Map<string, Interaction[]>;
}

/**
 * A time-based holdout like the one Personalize uses for solution metrics: the latest `fraction`
 * of each user's interactions (at least one) are held out; everything before trains the models.
 * Users with a single interaction stay in training only.
 */
export function splitLatestPerUser(interactions: readonly Interaction[], fraction = 0.1): Holdout {
  const byUser = new Map<string, Interaction[]>();
  for (const interaction of interactions) {
    const history = byUser.get(interaction.userId) ?? [];
    history.push(interaction);
    byUser.set(interaction.userId, history);
  }
  const heldOut = new Set<Interaction>();
  const test = new Map<string, Interaction[]>();
  for (const [userId, history] of byUser) {
    if (history.length < 2) continue;
    const sorted = [...history].sort((a, b) => a.timestamp - b.timestamp);
    const latest = sorted.slice(sorted.length - Math.max(1, Math.round(sorted.length * fraction)));
    for (const interaction of latest) heldOut.add(interaction);
    test.set(userId, latest);
  }
  return { train: interactions.filter((interaction) => !heldOut.has(interaction)), test };
}
