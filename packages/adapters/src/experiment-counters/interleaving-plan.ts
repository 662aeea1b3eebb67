import {
  combinePairCells,
  type ImpressionCredit,
  impressionCredits,
  interleavingPairs,
  isInterleavingClick,
  PAIR_CELL_FIELDS,
  pairKey,
  type UserCredits,
  userPairCell,
} from "@personalize-ab/domain";
import { interleavedExposureOf, listedItemEventOf } from "../interleaving/interleaving-records";
import { type CellDelta, type StateWrite, type TransactUnit, versionedPut } from "./counter-transactions";
import type { CountingRules } from "./experiment-metrics-source";
import { failedDelta, pairDelta, totalsDelta } from "./interleaving-cells";
import type { InterleavedExposure, InterleavingFacts } from "./interleaving-facts";
import { impressionItem, impressionKey, userStateItem, userStateKey } from "./interleaving-state";
import type { CounterStreamRecord } from "./stream-records";

/**
 * Impressions one unit writes at most. With at most 8 variants (28 pairs, 8 failure cells and the
 * totals) a unit is then at most 1 + 50 + 37 = 88 items, and by the byte bound below well under
 * the 4 MB of a transaction; a user with more changed impressions in one batch gets several units,
 * written in order, each conditioned on the state the previous one left.
 */
export const MAX_IMPRESSIONS_PER_UNIT = 50;
const MAX_UNIT_BYTES = 2_000_000;

interface ImpressionWork {
  readonly recommendationId: string;
  readonly testName: string;
  version: number | undefined;
  clicked: Set<string>;
}

interface TestWork {
  readonly testName: string;
  readonly variants: readonly string[];
  readonly spans: CountingRules["activeSpans"];
  version: number | undefined;
  /** Credits as last written (or read), and as they are now. */
  written: Record<string, UserCredits>;
  readonly credits: Record<string, UserCredits>;
  readonly dirty: Map<string, ImpressionWork>;
  impressions: number;
  clicked: number;
  failures: Record<string, number>;
}

function applyCredits(work: TestWork, credits: readonly (ImpressionCredit | null)[], sign: 1 | -1): void {
  interleavingPairs(work.variants).forEach(({ a, b }, index) => {
    const credit = credits[index];
    if (credit === null || credit === undefined) return;
    const key = pairKey(a, b);
    const known = work.credits[key] ?? { wins: 0, losses: 0, ties: 0 };
    const field = credit === "win" ? "wins" : credit === "loss" ? "losses" : "ties";
    work.credits[key] = { ...known, [field]: known[field] + sign };
  });
}

const clickedBytes = (impression: ImpressionWork) =>
  200 + [...impression.clicked].reduce((sum, item) => sum + item.length + 4, 0);

/**
 * Folds a user's records (in stream order) into their interleaving states, and returns the units
 * that write them with what they add to the cells: an exposure counted for the first time adds an
 * impression (and its failures) and credits the clicks already stored for it; a click on a counted
 * impression's listed item not clicked before re-credits that impression. The user's contribution
 * to each pair cell is replaced: the cell gets (new − old) of count, sums and credits. Records
 * that change nothing (a redelivered exposure, a click already counted) write nothing.
 */
export function planInterleavingUnits(
  userId: string,
  records: readonly CounterStreamRecord[],
  facts: InterleavingFacts,
  userMetricsTable: string,
): TransactUnit[] {
  const units: TransactUnit[] = [];
  const impressions = new Map<string, ImpressionWork>(
    [...facts.impressions].map(([id, state]) => [
      id,
      {
        recommendationId: id,
        testName: state.testName,
        version: state.version,
        clicked: new Set(state.clicked),
      },
    ]),
  );
  const works = new Map<string, TestWork>();
  const workOf = (testName: string): TestWork | undefined => {
    const known = works.get(testName);
    if (known) return known;
    const rules = facts.rules.get(testName);
    if (rules?.kind !== "interleaving" || !rules.variants) return undefined;
    const stored = facts.states.get(testName);
    const work: TestWork = {
      testName,
      variants: rules.variants,
      spans: rules.activeSpans,
      version: stored?.version,
      written: structuredClone({ ...stored?.credits }),
      credits: structuredClone({ ...stored?.credits }),
      dirty: new Map(),
      impressions: 0,
      clicked: 0,
      failures: {},
    };
    works.set(testName, work);
    return work;
  };

  const flush = (work: TestWork) => {
    const unit = unitOf(userId, work, userMetricsTable);
    if (!unit) return;
    units.push(unit);
    work.version = (work.version ?? 0) + 1;
    work.written = structuredClone(work.credits);
    for (const impression of work.dirty.values()) impression.version = (impression.version ?? 0) + 1;
    work.dirty.clear();
    work.impressions = 0;
    work.clicked = 0;
    work.failures = {};
  };

  const count = (exposure: InterleavedExposure) => {
    if (impressions.has(exposure.recommendationId)) return undefined;
    const work = workOf(exposure.testName);
    if (!work) return undefined;
    const clicked = new Set(
      (facts.storedClicks.get(exposure.recommendationId) ?? [])
        .filter((click) => isInterleavingClick(click, work.spans) && exposure.itemIds.includes(click.itemId))
        .map((click) => click.itemId),
    );
    const impression = {
      recommendationId: exposure.recommendationId,
      testName: work.testName,
      version: undefined,
      clicked,
    };
    impressions.set(exposure.recommendationId, impression);
    work.dirty.set(exposure.recommendationId, impression);
    work.impressions += 1;
    for (const variant of exposure.failed) {
      if (work.variants.includes(variant)) work.failures[variant] = (work.failures[variant] ?? 0) + 1;
    }
    const credited = impressionCredits(work.variants, exposure, clicked);
    if (credited.clicked) {
      work.clicked += 1;
      applyCredits(work, credited.pairs, 1);
    }
    return work;
  };

  const click = (record: CounterStreamRecord) => {
    const event = listedItemEventOf(record.item);
    const impression = event && impressions.get(event.recommendationId);
    // An impression not counted yet: its exposure's arrival finds this click in the table.
    if (!event || !impression) return undefined;
    const work = workOf(impression.testName);
    const exposure = facts.exposures.get(event.recommendationId);
    if (!work || !exposure || !isInterleavingClick(event, work.spans)) return undefined;
    if (!exposure.itemIds.includes(event.itemId) || impression.clicked.has(event.itemId)) return undefined;
    const before = impressionCredits(work.variants, exposure, impression.clicked);
    impression.clicked = new Set([...impression.clicked, event.itemId]);
    const after = impressionCredits(work.variants, exposure, impression.clicked);
    work.dirty.set(event.recommendationId, impression);
    if (!before.clicked && after.clicked) work.clicked += 1;
    applyCredits(work, before.pairs, -1);
    applyCredits(work, after.pairs, 1);
    return work;
  };

  for (const record of records) {
    if (record.source !== "events") continue;
    const exposure = interleavedExposureOf(record.item);
    const work = exposure ? count(exposure) : click(record);
    if (!work) continue;
    const bytes = [...work.dirty.values()].reduce((sum, impression) => sum + clickedBytes(impression), 0);
    if (work.dirty.size >= MAX_IMPRESSIONS_PER_UNIT || bytes >= MAX_UNIT_BYTES) flush(work);
  }
  for (const work of works.values()) flush(work);
  return units;
}

function unitOf(userId: string, work: TestWork, userMetricsTable: string): TransactUnit | undefined {
  const cells: CellDelta[] = [];
  if (work.impressions !== 0 || work.clicked !== 0) {
    cells.push(totalsDelta(work.testName, work.impressions, work.clicked));
  }
  for (const [variant, impressions] of Object.entries(work.failures)) {
    cells.push(failedDelta(work.testName, variant, impressions));
  }
  for (const { a, b } of interleavingPairs(work.variants)) {
    const key = pairKey(a, b);
    const delta = combinePairCells(userPairCell(work.credits[key]), userPairCell(work.written[key]), -1);
    if (PAIR_CELL_FIELDS.some((field) => delta[field] !== 0))
      cells.push(pairDelta(work.testName, a, b, delta));
  }
  if (work.dirty.size === 0 && cells.length === 0) return undefined;
  const writes: StateWrite[] = [
    versionedPut(
      userMetricsTable,
      userStateKey(userId, work.testName),
      userStateItem(
        { userId, testName: work.testName, version: work.version, credits: work.credits },
        (work.version ?? 0) + 1,
      ),
      work.version,
    ),
    ...[...work.dirty.values()].map((impression) =>
      versionedPut(
        userMetricsTable,
        impressionKey(userId, impression.recommendationId),
        impressionItem({ userId, ...impression }, (impression.version ?? 0) + 1),
        impression.version,
      ),
    ),
  ];
  return { writes, cells };
}
