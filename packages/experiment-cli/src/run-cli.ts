import { CliError } from "./cli-error";
import type { CommandIo } from "./command-io";
import {
  ADMIN_USAGE,
  createCommand,
  historyCommand,
  listCommand,
  STATUS_USAGE,
  showCommand,
  statusCommand,
  updateCommand,
} from "./commands/admin-commands";
import { ANALYZE_USAGE, analyzeCommand } from "./commands/analyze-command";
import { RECONCILE_USAGE, reconcileCommand } from "./commands/reconcile-command";
import { REPORT_USAGE, reportCommand } from "./commands/report-command";
import { RESULTS_USAGE, resultsCommand } from "./commands/results-command";

const COMMANDS = {
  create: createCommand,
  list: listCommand,
  show: showCommand,
  update: updateCommand,
  start: statusCommand("active"),
  pause: statusCommand("paused"),
  resume: statusCommand("active"),
  complete: statusCommand("completed"),
  history: historyCommand,
  results: resultsCommand,
  analyze: analyzeCommand,
  reconcile: reconcileCommand,
  report: reportCommand,
} as const;

export const USAGE = [
  "Usage:",
  ADMIN_USAGE,
  STATUS_USAGE,
  RESULTS_USAGE,
  ANALYZE_USAGE,
  RECONCILE_USAGE,
  REPORT_USAGE,
]
  .map((block) => block.replace(/^/gm, "  ").trimStart())
  .join("\n  ");

/** Runs one `experiment` command; the exit code: 0 done, 1 the service or data failed, 2 a usage error. */
export async function runCli(argv: readonly string[], io: CommandIo): Promise<number> {
  const [name, ...args] = argv;
  if (name === undefined || name === "help" || name === "--help" || name === "-h") {
    io.out(USAGE);
    return name === undefined ? 2 : 0;
  }
  const command = COMMANDS[name as keyof typeof COMMANDS];
  if (!command) {
    io.err(`unknown command ${JSON.stringify(name)}\n${USAGE}`);
    return 2;
  }
  try {
    return await command(args, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.err(`experiment ${name}: ${error.message}`);
      return error.exitCode;
    }
    // node:util parseArgs refuses unknown options and missing values with a readable message.
    if ((error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`experiment ${name}: ${(error as Error).message}\n${USAGE}`);
      return 2;
    }
    throw error;
  }
}
