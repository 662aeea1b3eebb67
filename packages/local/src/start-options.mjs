// The options of `npm start`, in plain JavaScript: the root wrapper (scripts/with-pnpm.mjs) reads
// them before anything is installed, to answer --help, a mistyped option or a taken port within a
// second, and the platform's main command parses the same definitions once it runs.
import { createServer } from "node:net";
import { parseArgs } from "node:util";

/** Epoch milliseconds at which the user's command was launched, set by the root wrapper. */
export const LAUNCHED_AT_ENV = "PERSONALIZE_AB_LAUNCHED_AT";
/** The folder the user ran the command from, against which relative paths are resolved. */
export const INVOKED_FROM_ENV = "PERSONALIZE_AB_INVOKED_FROM";

export const DEFAULT_DATA_DIR = ".local-data/dynamodb";

/** Every option, with what --help says about it. */
export const START_OPTIONS = {
  port: {
    type: "string",
    default: "3000",
    value: "PORT",
    description: "port of the local API on 127.0.0.1 (0 picks a free one)",
  },
  persist: {
    type: "boolean",
    default: false,
    description: "keep DynamoDB data across restarts, in --data-dir",
  },
  "data-dir": {
    type: "string",
    default: DEFAULT_DATA_DIR,
    value: "DIR",
    description: "where --persist keeps the data, relative to the folder you run npm start in",
  },
  verbose: {
    type: "boolean",
    default: false,
    description: "show the handlers' INFO logs and EMF metric lines too",
  },
  auth: {
    type: "boolean",
    default: false,
    description: "require a bearer token from the local issuer on client routes (npm run token mints one)",
  },
  "schedule-every": {
    type: "string",
    default: "10",
    value: "N",
    description:
      "run the scheduled functions (the bandit updater) every N seconds; on AWS at their catalog rate",
  },
  help: { type: "boolean", short: "h", default: false, description: "show this help" },
};

const parseConfig = Object.fromEntries(
  Object.entries(START_OPTIONS).map(([name, { type, short, default: fallback }]) => [
    name,
    { type, ...(short && { short }), default: fallback },
  ]),
);

/**
 * The parsed options, or a one-line error naming what is wrong. The port is checked here too, so
 * a mistyped one is refused before anything starts.
 */
export function parseStartArgs(args) {
  let values;
  try {
    ({ values } = parseArgs({ args, options: parseConfig, strict: true, allowPositionals: false }));
  } catch (error) {
    return { error: error.message.split(/\.( |$)/)[0] };
  }
  const port = Number(values.port);
  if (!/^\d+$/.test(values.port) || port > 65535) {
    return { error: `--port must be a whole number from 0 to 65535, got '${values.port}'` };
  }
  const scheduleEvery = Number(values["schedule-every"]);
  if (!/^\d+$/.test(values["schedule-every"]) || scheduleEvery < 1) {
    return {
      error: `--schedule-every must be a whole number of seconds, at least 1, got '${values["schedule-every"]}'`,
    };
  }
  return { values: { ...values, port, "schedule-every": scheduleEvery } };
}

export function startHelp() {
  const rows = Object.entries(START_OPTIONS).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : "    "}--${name}${option.value ? ` ${option.value}` : ""}`;
    const fallback = option.type === "string" ? ` (default: ${option.default})` : "";
    return `  ${flag.padEnd(22)} ${option.description}${fallback}`;
  });
  return [
    "usage: npm start -- [options]",
    "",
    "Starts the whole platform on this machine: DynamoDB Local, the sample data, the local",
    "recommender and every API route behind its real Lambda handler.",
    "",
    "options:",
    ...rows,
  ].join("\n");
}

/** Resolves with undefined when the port can be listened on, or with a one-line reason. */
export function portProblem(port, host = "127.0.0.1") {
  if (port === 0) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    const server = createServer();
    server.once("error", (error) => {
      const another = port === 3000 ? 3100 : port + 1;
      resolve(
        error.code === "EADDRINUSE"
          ? `port ${port} is already in use; choose another with: npm start -- --port ${another}`
          : `port ${port} cannot be used (${error.code}); choose another with: npm start -- --port ${another}`,
      );
    });
    server.listen(port, host, () => server.close(() => resolve(undefined)));
  });
}
