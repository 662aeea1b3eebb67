import { FUNCTIONS, type FunctionKey, ROUTES, type TABLES, type TableAction } from "@personalize-ab/domain";
import { beforeAll, describe, expect, it } from "vitest";
import { ENVIRONMENTS } from "../src/config/environments";
import type { PolicyStatement } from "../src/iam/policy-document";
import {
  type SynthesizedPlatform,
  synthesizedPlatform,
  type TerraformJson,
} from "./support/synthesized-platform";

let platform: SynthesizedPlatform;
beforeAll(() => {
  platform = synthesizedPlatform();
});

/** The statements of one function's role policy in the dev stack, beyond logging and tracing. */
function grantedTo(key: FunctionKey): PolicyStatement[] {
  const resources = platform.stacks.dev.resource as TerraformJson;
  const functionName = `${ENVIRONMENTS.dev.namePrefix}-${FUNCTIONS[key].app}`;
  const fn = Object.values(resources.aws_lambda_function as Record<string, TerraformJson>).find(
    (f) => f.function_name === functionName,
  );
  const roleName = /^\$\{aws_iam_role\.([\w-]+)\.arn\}$/.exec(fn.role)![1];
  const policy = Object.values(resources.aws_iam_role_policy as Record<string, TerraformJson>).find(
    (p) => p.role === `\${aws_iam_role.${roleName}.id}`,
  );
  return JSON.parse(policy.policy).Statement.filter(
    (s: PolicyStatement) => s.Sid !== "WriteOwnLogs" && s.Sid !== "UploadTraces",
  );
}

const tableRef = (key: keyof typeof TABLES) =>
  new RegExp(`^\\$\\{aws_dynamodb_table\\.tables_${key}_[0-9A-F]{8}\\.arn\\}`);

describe("function permissions derived from the FUNCTIONS catalog", () => {
  it("grants each function exactly its catalog table actions, each on that table only", () => {
    for (const key of Object.keys(FUNCTIONS) as FunctionKey[]) {
      const statements = grantedTo(key).filter((s) => s.Action.every((a) => a.startsWith("dynamodb:")));
      const tableStatements = statements.filter((s) => s.Sid?.startsWith("Table"));
      const catalog = FUNCTIONS[key].tables as Partial<Record<keyof typeof TABLES, readonly TableAction[]>>;
      expect(tableStatements).toHaveLength(Object.keys(catalog).length);
      for (const [table, actions] of Object.entries(catalog) as [keyof typeof TABLES, TableAction[]][]) {
        const statement = tableStatements.find((s) => tableRef(table).test(s.Resource[0]!))!;
        expect(statement.Action).toEqual([...actions].sort().map((a) => `dynamodb:${a}`));
        expect(statement.Resource).toHaveLength(1);
      }
    }
  });

  it("lets Query reach the indexes of the tables it queries, by name", () => {
    const indexes = grantedTo("recommendations").find((s) => s.Sid === "IndexesEvents")!;
    expect(indexes.Action).toEqual(["dynamodb:Query"]);
    expect(indexes.Resource.map((arn) => arn.replace(tableRef("events"), "<events>"))).toEqual([
      "<events>/index/PendingReplayIndex",
      "<events>/index/UserTimeIndex",
    ]);
    expect(grantedTo("abRouter").some((s) => s.Sid?.startsWith("Indexes"))).toBe(false);
  });

  it("scopes GetRecommendations to this environment's campaigns and filters, and PutEvents to the only resource IAM allows", () => {
    const recommend = grantedTo("recommendations").find((s) =>
      s.Action.includes("personalize:GetRecommendations"),
    )!;
    const ofKind = (kind: string) =>
      expect.stringMatching(
        new RegExp(
          `:personalize:${ENVIRONMENTS.dev.region}:\\$\\{data\\.aws_caller_identity\\.[\\w-]+\\.account_id\\}:${kind}/${ENVIRONMENTS.dev.namePrefix}-\\*$`,
        ),
      );
    expect(recommend.Resource).toEqual([ofKind("campaign"), ofKind("filter")]);
    expect(
      grantedTo("eventTracker").find((s) => s.Action.includes("personalize:PutEvents"))!.Resource,
    ).toEqual(["*"]);
    expect(grantedTo("abRouter").some((s) => s.Action.some((a) => a.startsWith("personalize:")))).toBe(false);
  });

  it("serves the experiment preview from the recommendations function, with no grant beyond serving's", () => {
    const preview = ROUTES.find((route) => route.path === "/experiments/{test_name}/preview");
    expect(preview).toMatchObject({ method: "POST", function: "recommendations", auth: "iam" });
    // What serving already holds: the preview only reads with it (no new write, no new service).
    const actions = [...new Set(grantedTo("recommendations").flatMap((s) => s.Action))].sort();
    expect(actions).toEqual([
      "dynamodb:BatchGetItem",
      "dynamodb:GetItem",
      "dynamodb:PutItem",
      "dynamodb:Query",
      "personalize:GetRecommendations",
    ]);
  });
});
