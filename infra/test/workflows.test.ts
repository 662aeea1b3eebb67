import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { repositoryRoot } from "../src/repository-root";

interface Step {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly if?: string;
}

interface Job {
  readonly if?: string;
  readonly permissions?: Record<string, string>;
  readonly steps: Step[];
}

interface Workflow {
  readonly jobs: Record<string, Job>;
}

const workflowsDir = join(repositoryRoot(import.meta.dirname), ".github", "workflows");

function workflow(file: string): { text: string; parsed: Workflow } {
  const text = readFileSync(join(workflowsDir, file), "utf8");
  return { text, parsed: parse(text) as Workflow };
}

const WORKFLOWS = ["pull-request.yml", "main.yml"];
const CREDENTIALS_ACTION = "aws-actions/configure-aws-credentials@";

/** Index of the step that assumes the AWS role, or -1. */
const credentialsStep = (job: Job) =>
  job.steps.findIndex((step) => step.uses?.startsWith(CREDENTIALS_ACTION));

describe.each(WORKFLOWS)("%s", (file) => {
  const { parsed } = workflow(file);
  const jobs = Object.entries(parsed.jobs);
  const oidcJobs = jobs.filter(([, job]) => job.permissions?.["id-token"] === "write");

  it("has at least one job that assumes an AWS role through OIDC", () => {
    expect(oidcJobs.length).toBeGreaterThan(0);
    for (const [, job] of oidcJobs) expect(credentialsStep(job)).toBeGreaterThan(-1);
  });

  it("pins every action of a job holding id-token: write to a full commit SHA", () => {
    for (const [name, job] of oidcJobs) {
      for (const step of job.steps.filter((s) => s.uses)) {
        expect(step.uses, `${name}: ${step.uses}`).toMatch(/^[\w.-]+\/[\w./-]+@[0-9a-f]{40}$/);
      }
    }
  });

  it("runs the repository's code (install, synth, pnpm) only before the AWS role is assumed", () => {
    for (const [name, job] of oidcJobs) {
      const assumed = credentialsStep(job);
      const synth = job.steps.findIndex((step) => step.run?.includes("pnpm synth"));
      expect(synth, `${name} synthesizes`).toBeGreaterThan(-1);
      expect(synth, `${name} synthesizes before assuming the role`).toBeLessThan(assumed);
      for (const step of job.steps.slice(assumed + 1)) {
        // After the role: terraform (and cdktf told not to synthesize), artifacts; never the app or an install.
        expect(step.run ?? "", `${name}: ${step.name ?? step.uses}`).not.toMatch(
          /pnpm (install|synth|deploy|build|run|test|check)|\btsx\b|node /,
        );
        if (step.run?.includes("cdktf deploy")) expect(step.run).toContain("--skip-synth");
      }
    }
  });

  it("never uses always(), which also runs on cancelled runs", () => {
    for (const [name, job] of jobs) {
      expect(job.if ?? "", name).not.toContain("always()");
      for (const step of job.steps)
        expect(step.if ?? "", `${name}: ${step.name ?? step.uses}`).not.toContain("always()");
    }
  });
});

describe("the pull-request comment job", () => {
  it("runs after failed plans but not on cancelled runs, and only for this repository's branches", () => {
    const { parsed } = workflow("pull-request.yml");
    const comment = parsed.jobs.comment!;
    expect(comment.if).toMatch(/^\$\{\{ !cancelled\(\) && /);
    expect(comment.if).toContain("github.event.pull_request.head.repo.full_name == github.repository");
  });
});
