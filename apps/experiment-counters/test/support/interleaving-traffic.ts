import { type DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { eventItem, experimentItem, exposureItem } from "@personalize-ab/adapters";
import type { ExperimentInput, InterleavedImpression, ListedItemEvent } from "@personalize-ab/domain";
import type { TableNames } from "@personalize-ab/dynamodb-local";
import fc from "fast-check";
import { batchWrite } from "./experiment-traffic";

const VARIANTS = ["current", "candidate", "challenger"];

/** Clicks count only in these spans: the experiment was paused between them. */
export function interleavingExperiment(startMs: number): ExperimentInput {
  return {
    name: "ranker_tournament",
    status: "active",
    kind: "interleaving",
    variants: VARIANTS.map((id) => ({
      id,
      weight: 1 / 3,
      recipe: "aws-user-personalization",
      description: id,
    })),
    active_spans: [{ started_at: startMs, ended_at: startMs + 40_000 }, { started_at: startMs + 60_000 }],
  };
}

const impressionArbitrary = fc.record({
  /** Teams of the list's items (indexes into the variants); a failed variant contributes none. */
  teams: fc.array(fc.nat(2), { minLength: 2, maxLength: 8 }),
  failed: fc.option(fc.nat(2), { nil: undefined }),
  /** Served by the popular fallback: every variant failed, and its id is not an interleaved one. */
  fallback: fc.nat(9).map((draw) => draw === 0),
  /** Written after its clicks, so that the stream delivers the clicks first. */
  clicksFirst: fc.boolean(),
  clicks: fc.array(
    fc.record({
      /** A position in the list, or past its end: an item that is not listed. */
      position: fc.nat(9),
      type: fc.constantFrom("click", "view", "purchase", "add_to_cart", "checkout"),
      /** Seconds after the start: 40-60 s falls in the pause. */
      second: fc.nat(90),
    }),
    { maxLength: 5 },
  ),
});

const userArbitrary = fc.record({
  impressions: fc.array(impressionArbitrary, { minLength: 1, maxLength: 6 }),
  /** Clicks naming a recommendation id that no exposure has. */
  strayClicks: fc.nat(2),
});

export interface InterleavingTraffic {
  readonly variants: readonly string[];
  readonly experiment: ExperimentInput;
  readonly impressions: InterleavedImpression[];
  readonly events: ListedItemEvent[];
  readonly summary: {
    readonly users: number;
    readonly impressions: number;
    readonly clicks: number;
    readonly clicksBeforeExposure: number;
  };
}

/**
 * Seeded interleaving traffic in three waves: the clicks of the impressions that are written after
 * their clicks (and clicks on ids nobody served), then every exposure, then the other clicks. The
 * raw records are returned as the analysis takes them.
 */
export async function writeInterleavingTraffic(
  documents: DynamoDBDocumentClient,
  tables: TableNames,
  options: { readonly seed: number; readonly users: number; readonly startMs: number },
): Promise<InterleavingTraffic> {
  const experiment = interleavingExperiment(options.startMs);
  await documents.send(new PutCommand({ TableName: tables.experiments, Item: experimentItem(experiment) }));
  const plans = fc.sample(userArbitrary, { seed: options.seed, numRuns: options.users });
  const early: Record<string, unknown>[] = [];
  const exposures: Record<string, unknown>[] = [];
  const late: Record<string, unknown>[] = [];
  const impressions: InterleavedImpression[] = [];
  const events: ListedItemEvent[] = [];
  let clicksBeforeExposure = 0;
  plans.forEach((plan, u) => {
    const userId = `il-user-${String(u).padStart(5, "0")}`;
    const click = (
      recommendationId: string,
      itemId: string,
      eventType: string,
      second: number,
      n: string,
    ) => {
      const receivedAtMs = options.startMs + second * 1000;
      events.push({ userId, recommendationId, itemId, eventType, receivedAtMs });
      return eventItem({
        userId,
        eventId: `${userId}-${recommendationId}-${n}`,
        eventType,
        timestampMs: receivedAtMs,
        receivedAtMs,
        sessionId: userId,
        itemId,
        recommendationId,
      });
    };
    plan.impressions.forEach((planned, i) => {
      const recommendationId = planned.fallback
        ? `RID-fallback-${userId}-${i}`
        : `interleaved-${userId}-${i}`;
      const failed = planned.fallback
        ? VARIANTS
        : planned.failed === undefined
          ? []
          : [VARIANTS[planned.failed]!];
      const teams = planned.fallback
        ? []
        : planned.teams.map((team) => VARIANTS[team]!).filter((team) => !failed.includes(team));
      const itemIds = planned.fallback
        ? ["pop-1", "pop-2", "pop-3"]
        : teams.map((team, position) => `item-${team}-${(u * 7 + i * 3 + position) % 40}`);
      const impression = { userId, recommendationId, itemIds, teams, failed };
      impressions.push(impression);
      exposures.push(
        exposureItem({
          userId,
          recommendationId,
          testName: experiment.name,
          variant: "interleaved",
          algorithm: "Team-draft interleaving",
          itemIds,
          source: planned.fallback ? "fallback" : "personalize",
          servedAtMs: options.startMs,
          interleaving: { teams, failed: failed.map((variant) => ({ variant, reason: "timeout" })) },
        }),
      );
      planned.clicks.forEach((c, n) => {
        const itemId = itemIds[c.position] ?? `unlisted-${c.position}`;
        const item = click(recommendationId, itemId, c.type, c.second, String(n));
        if (planned.clicksFirst) clicksBeforeExposure += 1;
        (planned.clicksFirst ? early : late).push(item);
      });
    });
    for (let n = 0; n < plan.strayClicks; n++) {
      early.push(click(`interleaved-nobody-${userId}-${n}`, "item-x", "click", 10, `stray${n}`));
    }
  });
  await batchWrite(documents, tables.events, early);
  await batchWrite(documents, tables.events, exposures);
  await batchWrite(documents, tables.events, late);
  return {
    variants: VARIANTS,
    experiment,
    impressions,
    events,
    summary: {
      users: options.users,
      impressions: impressions.length,
      clicks: events.length,
      clicksBeforeExposure,
    },
  };
}
