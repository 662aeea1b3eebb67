import type { UserCredits } from "@personalize-ab/domain";

/*
 * What the counters keep per user of an interleaving experiment, in the experiment-user-metrics
 * table beside the A/B states. The sort keys start with a word and '#', which no test name holds,
 * so they never meet an A/B state.
 */

/** A user's credits in each pair (by `pairKey`): what their contribution to each pair cell is made of. */
export interface InterleavingUserState {
  readonly userId: string;
  readonly testName: string;
  /** Optimistic lock: undefined when not stored yet. */
  readonly version: number | undefined;
  readonly credits: Readonly<Record<string, UserCredits>>;
}

/**
 * One impression as counted: which of its listed items were clicked (at most the list's items:
 * 500, `MAX_NUM_RESULTS`). Its existence says the exposure was counted.
 */
export interface ImpressionState {
  readonly userId: string;
  readonly recommendationId: string;
  readonly testName: string;
  readonly version: number | undefined;
  readonly clicked: ReadonlySet<string>;
}

export function userStateKey(userId: string, testName: string): Record<string, string> {
  return { UserId: userId, TestName: `interleaving#${testName}` };
}

export function impressionKey(userId: string, recommendationId: string): Record<string, string> {
  return { UserId: userId, TestName: `impression#${recommendationId}` };
}

export function userStateItem(state: InterleavingUserState, version: number): Record<string, unknown> {
  return {
    ...userStateKey(state.userId, state.testName),
    Test: state.testName,
    Version: version,
    Credits: state.credits,
  };
}

export function userStateOf(item: Record<string, unknown>): InterleavingUserState {
  return {
    userId: String(item.UserId),
    testName: String(item.Test),
    version: Number(item.Version),
    credits: (item.Credits ?? {}) as Record<string, UserCredits>,
  };
}

export function impressionItem(state: ImpressionState, version: number): Record<string, unknown> {
  return {
    ...impressionKey(state.userId, state.recommendationId),
    Test: state.testName,
    Version: version,
    Clicked: [...state.clicked].sort(),
  };
}

export function impressionStateOf(item: Record<string, unknown>): ImpressionState {
  const clicked = Array.isArray(item.Clicked) ? item.Clicked.map(String) : [];
  return {
    userId: String(item.UserId),
    recommendationId: String(item.TestName).slice("impression#".length),
    testName: String(item.Test),
    version: Number(item.Version),
    clicked: new Set(clicked),
  };
}
