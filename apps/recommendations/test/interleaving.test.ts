import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { experimentItem } from "@personalize-ab/adapters";
import { userItems } from "@personalize-ab/adapters/testing";
import { type ExperimentInput, interleavingCoin } from "@personalize-ab/domain";
import { teamDraftInterleave } from "@personalize-ab/statistics";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CAMPAIGNS, itemId, POPULAR, type Serving, startServing } from "./serving-fixture";

let serving: Serving;

beforeAll(async () => {
  serving = await startServing();
});
afterAll(() => serving.personalize.stop());

const CURRENT = [1, 2, 3, 4, 5, 6].map(itemId);
const CANDIDATE = [3, 7, 8, 1, 9, 10].map(itemId);

/** An active interleaving experiment of the user-personalization campaign against the SIMS one. */
async function interleavingExperiment(name: string, status: ExperimentInput["status"] = "active") {
  const record: ExperimentInput = {
    name,
    status,
    kind: "interleaving",
    ...(status === "completed" && { winner: "candidate" }),
    variants: [
      {
        id: "current",
        weight: 0.5,
        recipe: "aws-user-personalization",
        campaignArn: CAMPAIGNS.variant_a,
        description: "current ranker",
      },
      {
        id: "candidate",
        weight: 0.5,
        recipe: "aws-popularity-count",
        campaignArn: CAMPAIGNS.variant_c,
        description: "candidate ranker",
      },
    ],
  };
  await serving.documents.send(
    new PutCommand({ TableName: serving.tables.experiments, Item: experimentItem(record) }),
  );
  return name;
}

/** Each campaign answers its own list; a campaign in `failing` answers nothing. */
function rankers(failing: readonly string[] = []) {
  serving.personalize.behave({
    itemsFor: (request) => {
      if (failing.includes(String(request.campaignArn))) return [];
      return request.campaignArn === CAMPAIGNS.variant_a ? CURRENT : CANDIDATE;
    },
  });
}

describe("POST /recommendations for an interleaving experiment", () => {
  it("asks every variant, draws one list by team draft seeded by the recommendation id, and records who contributed each item", async () => {
    const testName = await interleavingExperiment("il_draw");
    rankers();
    const before = serving.personalize.received.length;
    const answer = await serving.post({ user_id: "il-user-1", test_name: testName, num_results: 6 });

    expect(answer.status).toBe(200);
    expect(
      serving.personalize.received
        .slice(before)
        .map((call) => call.body.campaignArn)
        .sort(),
    ).toEqual([CAMPAIGNS.variant_a, CAMPAIGNS.variant_c].sort());
    const recommendationId = answer.body.recommendation_id as string;
    expect(recommendationId).toMatch(/^interleaved-[0-9A-Z]{26}$/);
    // The list is the one the recommendation id's coin draws: reproducible from the id alone.
    const expected = teamDraftInterleave([CURRENT, CANDIDATE], interleavingCoin(recommendationId), 6);
    const teams = expected.teams.map((team) => ["current", "candidate"][team]);
    expect(answer.body).toMatchObject({
      variant: "interleaved",
      algorithm: "Team-draft interleaving of current, candidate",
      source: "personalize",
      interleaving: { variants: ["current", "candidate"], contributed_by: teams, failed: [] },
    });
    const items = answer.body.recommendations as { item_id: string; score: number }[];
    expect(items.map((item) => item.item_id)).toEqual(expected.items);
    // Each item keeps the score its contributor gave it (the local stand-in scores rank k as 1/(k+2)).
    items.forEach((item, position) => {
      const ranking = teams[position] === "current" ? CURRENT : CANDIDATE;
      expect(item.score).toBe(1 / (ranking.indexOf(item.item_id) + 2));
    });
    // ... and the reason of its contributor's recipe: user-personalization or popularity.
    const reasons = (answer.body.recommendations as { reason: { code: string } }[]).map(
      (item) => item.reason.code,
    );
    expect(reasons).toEqual(teams.map((team) => (team === "current" ? "recent_activity" : "trending")));
    expect(await userItems(serving.documents, serving.tables.events, "il-user-1")).toEqual([
      expect.objectContaining({
        EventId: `recommendation_served#${recommendationId}`,
        TestName: testName,
        Variant: "interleaved",
        Items: expected.items,
        Teams: teams,
        FailedVariants: [],
        Source: "personalize",
      }),
    ]);
  });

  it("multileaves three variants, each within one pick of the others", async () => {
    const name = "il_three";
    const third = [11, 12, 13, 14, 15, 16].map(itemId);
    const record: ExperimentInput = {
      name,
      status: "active",
      kind: "interleaving",
      variants: (["variant_a", "variant_b", "variant_c"] as const).map((id, index) => ({
        id,
        weight: index === 2 ? 0.34 : 0.33,
        recipe: "aws-user-personalization",
        campaignArn: CAMPAIGNS[id],
        description: id,
      })),
    };
    await serving.documents.send(
      new PutCommand({ TableName: serving.tables.experiments, Item: experimentItem(record) }),
    );
    serving.personalize.behave({
      itemsFor: (request) =>
        ({ [CAMPAIGNS.variant_a]: CURRENT, [CAMPAIGNS.variant_b]: CANDIDATE, [CAMPAIGNS.variant_c]: third })[
          String(request.campaignArn)
        ] ?? [],
    });
    const answer = await serving.post({ user_id: "il-user-3v", test_name: name, num_results: 6 });
    const recommendationId = answer.body.recommendation_id as string;
    const expected = teamDraftInterleave([CURRENT, CANDIDATE, third], interleavingCoin(recommendationId), 6);
    const teams = (answer.body.interleaving as { contributed_by: string[] }).contributed_by;
    expect(teams).toEqual(expected.teams.map((team) => ["variant_a", "variant_b", "variant_c"][team]));
    expect([...teams].sort()).toEqual([
      "variant_a",
      "variant_a",
      "variant_b",
      "variant_b",
      "variant_c",
      "variant_c",
    ]);
  });

  it("degrades to the other variant's list when one fails, and records the failure", async () => {
    const testName = await interleavingExperiment("il_degraded");
    rankers([CAMPAIGNS.variant_c]);
    const answer = await serving.post({ user_id: "il-user-2", test_name: testName, num_results: 6 });

    expect(answer.body).toMatchObject({
      variant: "interleaved",
      source: "personalize",
      interleaving: {
        contributed_by: CURRENT.map(() => "current"),
        failed: [{ variant: "candidate", reason: "no_results" }],
      },
    });
    expect((answer.body.recommendations as { item_id: string }[]).map((item) => item.item_id)).toEqual(
      CURRENT,
    );
    expect(await userItems(serving.documents, serving.tables.events, "il-user-2")).toEqual([
      expect.objectContaining({ FailedVariants: [{ variant: "candidate", reason: "no_results" }] }),
    ]);
  });

  it("serves the popular fallback when every variant fails", async () => {
    const testName = await interleavingExperiment("il_all_failed");
    rankers([CAMPAIGNS.variant_a, CAMPAIGNS.variant_c]);
    const answer = await serving.post({ user_id: "il-user-3", test_name: testName, num_results: 3 });

    expect(answer.body).toMatchObject({
      variant: "interleaved",
      source: "fallback",
      recommendation_id: expect.stringMatching(/^fallback-/),
      interleaving: {
        contributed_by: [],
        failed: [
          { variant: "current", reason: "no_results" },
          { variant: "candidate", reason: "no_results" },
        ],
      },
    });
    expect((answer.body.recommendations as { item_id: string }[]).map((item) => item.item_id)).toEqual(
      POPULAR.slice(0, 3),
    );
  });

  it("does not interleave an experiment that is not active", async () => {
    const testName = await interleavingExperiment("il_completed", "completed");
    rankers();
    const answer = await serving.post({ user_id: "il-user-4", test_name: testName, num_results: 3 });
    expect(answer.body.variant).not.toBe("interleaved");
    expect(answer.body.interleaving).toBeUndefined();
  });
});
