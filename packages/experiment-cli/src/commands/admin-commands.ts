import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { parseArgs } from "node:util";
import { type Experiment, type HistoryEntry, TEST_NAME_PATTERN } from "@personalize-ab/domain";
import { callApi } from "../api-call";
import { TARGET_OPTIONS, targetOf } from "../api-target";
import { CliError } from "../cli-error";
import type { CommandIo } from "../command-io";
import { experimentListText, experimentText, historyText } from "../experiment-view";

const TARGET_USAGE = "[--url URL | --env dev|prod] [--json]";

export const ADMIN_USAGE = [
  `experiment create --file FILE ${TARGET_USAGE}     a new experiment (a draft unless the file says "status": "active")`,
  `experiment list ${TARGET_USAGE}`,
  `experiment show <test> ${TARGET_USAGE}`,
  `experiment update <test> (--file FILE | --weights id=w,...) ${TARGET_USAGE}`,
  "    --file: the record as `show --json` gave it, edited (its version is checked);",
  "    --weights: new weights on the version read now (a new allocation period)",
  `experiment history <test> ${TARGET_USAGE}`,
].join("\n");

const OPTIONS = { ...TARGET_OPTIONS, json: { type: "boolean", default: false } } as const;

function requireTestName(positionals: readonly string[], usage: string): string {
  const [testName, ...extra] = positionals;
  if (testName === undefined || extra.length > 0) throw new CliError(`usage: ${usage}`);
  if (!TEST_NAME_PATTERN.test(testName))
    throw new CliError("test: must be 1-128 letters, digits, '_', '.' or '-'");
  return testName;
}

async function readJsonFile(path: string, io: CommandIo): Promise<unknown> {
  const full = resolve(io.cwd, path);
  let text: string;
  try {
    text = await readFile(full, "utf8");
  } catch (error) {
    throw new CliError(`--file: cannot read ${full}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CliError(`--file: ${full} is not JSON: ${(error as Error).message}`);
  }
}

/** `id=w,id=w` as a weight per variant id. */
export function parseWeights(text: string): Record<string, number> {
  const weights: Record<string, number> = {};
  for (const part of text.split(",")) {
    const [id, value, ...rest] = part.split("=");
    const weight = Number(value);
    if (!id || value === undefined || rest.length > 0 || value.trim() === "" || !Number.isFinite(weight)) {
      throw new CliError(
        `--weights: ${JSON.stringify(part)} is not id=weight (e.g. control=0.5,treatment=0.5)`,
      );
    }
    weights[id] = weight;
  }
  return weights;
}

function printRecord(io: CommandIo, json: boolean, record: unknown): number {
  io.out(json ? JSON.stringify(record, null, 2) : experimentText(record as Experiment));
  return 0;
}

const path = (testName: string, rest = "") => `/experiments/${encodeURIComponent(testName)}${rest}`;

export async function createCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { ...OPTIONS, file: { type: "string" } },
  });
  if (values.file === undefined || positionals.length > 0)
    throw new CliError(`usage: ${ADMIN_USAGE.split("\n")[0]}`);
  const body = await readJsonFile(values.file, io);
  return printRecord(io, values.json, await callApi(targetOf(values, io), "POST", "/experiments", body));
}

export async function listCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values } = parseArgs({ args: [...args], options: OPTIONS });
  const answer = (await callApi(targetOf(values, io), "GET", "/experiments")) as {
    experiments: Experiment[];
  };
  io.out(values.json ? JSON.stringify(answer, null, 2) : experimentListText(answer.experiments));
  return 0;
}

export async function showCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  const testName = requireTestName(positionals, "experiment show <test>");
  return printRecord(io, values.json, await callApi(targetOf(values, io), "GET", path(testName)));
}

export async function updateCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: { ...OPTIONS, file: { type: "string" }, weights: { type: "string" } },
  });
  const testName = requireTestName(
    positionals,
    "experiment update <test> (--file FILE | --weights id=w,...)",
  );
  if ((values.file === undefined) === (values.weights === undefined)) {
    throw new CliError("give --file or --weights (one of them)");
  }
  const target = targetOf(values, io);
  let body: unknown;
  if (values.file !== undefined) {
    body = await readJsonFile(values.file, io);
  } else {
    const weights = parseWeights(values.weights!);
    const current = (await callApi(target, "GET", path(testName))) as Experiment;
    const unknown = Object.keys(weights).filter(
      (id) => !current.variants.some((variant) => variant.id === id),
    );
    if (unknown.length > 0)
      throw new CliError(`--weights: ${unknown.join(", ")} not a variant of ${testName}`);
    body = {
      ...current,
      variants: current.variants.map((variant) => ({
        ...variant,
        weight: weights[variant.id] ?? variant.weight,
      })),
    };
  }
  return printRecord(io, values.json, await callApi(target, "PUT", path(testName), body));
}

export async function historyCommand(args: readonly string[], io: CommandIo): Promise<number> {
  const { values, positionals } = parseArgs({ args: [...args], allowPositionals: true, options: OPTIONS });
  const testName = requireTestName(positionals, "experiment history <test>");
  const answer = (await callApi(targetOf(values, io), "GET", path(testName, "/history"))) as {
    entries: HistoryEntry[];
  };
  io.out(values.json ? JSON.stringify(answer, null, 2) : historyText(answer.entries));
  return 0;
}

export const STATUS_USAGE = [
  `experiment start <test> ${TARGET_USAGE}      a draft goes active`,
  `experiment pause <test> ${TARGET_USAGE}      no new enrollment, everyone served the control, nothing recorded`,
  `experiment resume <test> ${TARGET_USAGE}`,
  `experiment complete <test> --winner ID ${TARGET_USAGE}   everyone served the winner; results freeze`,
].join("\n");

/** `start`, `pause`, `resume`, `complete`: POST /experiments/{test}/status. */
export function statusCommand(status: "active" | "paused" | "completed") {
  return async (args: readonly string[], io: CommandIo): Promise<number> => {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { ...OPTIONS, winner: { type: "string" } },
    });
    const testName = requireTestName(positionals, STATUS_USAGE);
    if (status === "completed" && values.winner === undefined) {
      throw new CliError(
        "--winner: required to complete an experiment (the variant everyone is then served)",
      );
    }
    if (status !== "completed" && values.winner !== undefined)
      throw new CliError("--winner: only with complete");
    const body = { status, ...(values.winner !== undefined && { winner: values.winner }) };
    return printRecord(
      io,
      values.json,
      await callApi(targetOf(values, io), "POST", path(testName, "/status"), body),
    );
  };
}
