import { execFileSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { TABLE_KEYS } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";
import { repositoryRoot } from "../src/repository-root";
import { diffResources } from "../src/summary/resource-diff";
import { summaryMarkdown } from "../src/summary/summary-markdown";
import { readSynthOutput, resourcesByAddress } from "../src/summary/synth-output";
import { synthesizedPlatform, type TerraformJson } from "./support/synthesized-platform";

/** A copy of the shared synth output whose dev stack `edit` has changed, as a base branch might differ. */
function editedCopy(edit: (dev: TerraformJson) => void): string {
  const copy = mkdtempSync(join(tmpdir(), "infra-base-"));
  cpSync(synthesizedPlatform().outdir, copy, { recursive: true });
  const path = join(copy, "stacks", "dev", "cdk.tf.json");
  const dev = JSON.parse(readFileSync(path, "utf8"));
  edit(dev);
  writeFileSync(path, JSON.stringify(dev));
  return copy;
}

describe("resource diff", () => {
  it("finds added, removed and changed addresses with the changed attribute paths", () => {
    const base = resourcesByAddress({
      resource: {
        aws_sns_topic: { gone: { name: "a" } },
        aws_lambda_function: {
          fn: { memory_size: 256, environment: { variables: { A: "1", B: "2" } }, "//": { metadata: "x" } },
        },
        aws_iam_role_policy: { p: { policy: '{"Statement":[{"Action":["s3:GetObject"]}]}' } },
      },
    });
    const head = resourcesByAddress({
      resource: {
        aws_lambda_function: {
          fn: { memory_size: 512, environment: { variables: { A: "1", C: "3" } }, "//": { metadata: "y" } },
        },
        aws_iam_role_policy: { p: { policy: '{ "Statement": [ { "Action": ["s3:GetObject"] } ] }' } },
      },
      data: { aws_partition: { here: {} } },
    });
    expect(diffResources(base, head)).toEqual({
      added: ["data.aws_partition.here"],
      removed: ["aws_sns_topic.gone"],
      changed: [
        {
          address: "aws_lambda_function.fn",
          changes: [
            { path: "environment.variables.B", before: "2", after: undefined },
            { path: "environment.variables.C", before: undefined, after: "3" },
            { path: "memory_size", before: 256, after: 512 },
          ],
        },
      ],
    });
  });
});

describe("summary markdown", () => {
  it("lists each stack's resources by type", () => {
    const markdown = summaryMarkdown(readSynthOutput(synthesizedPlatform().outdir));
    expect(markdown).toMatch(/^# Infrastructure summary\n/);
    expect(markdown).toContain("## Stack `dev`");
    expect(markdown).toContain("## Stack `prod`");
    expect(markdown).toContain(`| \`aws_dynamodb_table\` | ${TABLE_KEYS.length} |`);
    expect(markdown).not.toContain("Against the base");
  });

  it("shows what changed against a base output", () => {
    const base = editedCopy((dev) => {
      const table = Object.values(dev.resource.aws_dynamodb_table)[0] as TerraformJson;
      table.billing_mode = "PROVISIONED";
      dev.resource.aws_kinesis_stream = { old_stream: { name: "old" } };
      delete dev.resource.aws_sns_topic;
    });
    const markdown = summaryMarkdown(readSynthOutput(synthesizedPlatform().outdir), readSynthOutput(base));
    expect(markdown).toContain("### Against the base: 1 added, 1 removed, 1 changed");
    expect(markdown).toMatch(/- `aws_sns_topic\.alarms_topic_[0-9A-F]{8}`/);
    expect(markdown).toContain("- `aws_kinesis_stream.old_stream`");
    expect(markdown).toMatch(
      /\| `aws_dynamodb_table\.[\w-]+` \| `billing_mode` \| `PROVISIONED` \| `PAY_PER_REQUEST` \|/,
    );
    expect(markdown).toMatch(
      /## Stack `prod`[\s\S]*### Against the base: 0 added, 0 removed, 0 changed\n\nNo changes\./,
    );
  });

  it("runs as `pnpm infra:summary --out <dir> --base <dir>`", () => {
    const base = editedCopy((dev) => {
      dev.resource.aws_kinesis_stream = { old_stream: { name: "old" } };
    });
    const printed = execFileSync(
      process.execPath,
      [
        "--import",
        import.meta.resolve("tsx"),
        join(repositoryRoot(), "infra/src/summary/cli.ts"),
        "--out",
        synthesizedPlatform().outdir,
        "--base",
        base,
      ],
      { encoding: "utf8" },
    );
    expect(printed).toContain("### Against the base: 0 added, 1 removed, 0 changed");
  });
});
