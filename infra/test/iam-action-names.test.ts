import { describe, expect, it } from "vitest";
import { isKnownAction, isWildcardOnlyAction, unknownIamActions } from "../src/policy/iam-action-names";
import type { SynthesizedStack } from "../src/policy/synthesized-stack";
import { WILDCARD_ONLY_ACTIONS } from "../src/policy/wildcard-only-actions";
import { synthesizedPlatform } from "./support/synthesized-platform";

const stackWithPolicy = (actions: string[]): SynthesizedStack => ({
  resource: {
    aws_iam_role_policy: {
      fn: {
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: actions, Resource: ["x"] }],
        }),
      },
    },
  },
});

describe("IAM action names", () => {
  it("accepts every action the synthesized stacks grant", async () => {
    const { stacks } = synthesizedPlatform();
    expect(await unknownIamActions(stacks.dev)).toEqual([]);
    expect(await unknownIamActions(stacks.prod)).toEqual([]);
  });

  it("reports a misspelt action or service", async () => {
    const violations = await unknownIamActions(
      stackWithPolicy([
        "dynamodb:GetItem",
        "dynamodb:GetItm",
        "dynamo:GetItem",
        "personalize:GetRecommendations",
      ]),
    );
    expect(violations.map((v) => v.message)).toEqual([
      'names "dynamodb:GetItm", which is not an IAM action',
      'names "dynamo:GetItem", which is not an IAM action',
    ]);
    expect(violations[0]).toMatchObject({ rule: "known-iam-actions", address: "aws_iam_role_policy.fn" });
  });

  it("treats action names case-insensitively, as IAM does", async () => {
    expect(await isKnownAction("DynamoDB:getitem")).toBe(true);
    expect(await isKnownAction("dynamodb")).toBe(false);
  });

  it("lists only actions that really have no resource type as wildcard-only", async () => {
    for (const action of WILDCARD_ONLY_ACTIONS) expect(await isWildcardOnlyAction(action), action).toBe(true);
    expect(await isWildcardOnlyAction("personalize:GetRecommendations")).toBe(false);
    expect(await isWildcardOnlyAction("dynamodb:Query")).toBe(false);
  });
});
