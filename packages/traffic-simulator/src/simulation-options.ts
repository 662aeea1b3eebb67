import { parseArgs } from "node:util";
import {
  DEFAULT_EXPERIMENT,
  DEFAULT_TEST_NAME,
  type ExperimentKind,
  MAX_NUM_RESULTS,
  TEST_NAME_PATTERN,
  type WeightedVariant,
} from "@personalize-ab/domain";
import { FUNNEL_STEPS, type FunnelEventType } from "./funnel";
import { SimulationOptionError } from "./option-error";
import { NO_RATES, parseVariantRates, type VariantRates } from "./variant-rates";

export interface SimulationOptions {
  /** Base URL of the platform's HTTP API. */
  readonly url: string;
  readonly testName: string;
  readonly users: number;
  readonly seed: number;
  /** Users in flight at once. */
  readonly concurrency: number;
  /** User ids are `<prefix><5-digit index from 1>`; `user_` gives the sample users (and their history). */
  readonly userPrefix: string;
  readonly numResults: number;
  /** Probability that a user of a variant takes each step, marginally (the funnel is nested). */
  readonly rates: Readonly<Record<FunnelEventType, VariantRates>>;
  /** Share of each named variant's users who never reach the platform (never enrolled). */
  readonly skipEnrollment: Readonly<Record<string, number>>;
  /** The test's variants and weights, to know a user's variant before enrolling them. */
  readonly variants: readonly WeightedVariant[];
  /** Interleaving: probability that a listed item is clicked, by the variant that contributed it. */
  readonly itemClick: VariantRates;
  /** The experiment kind the options are for; undefined: whatever the first answer shows. */
  readonly kind: ExperimentKind | undefined;
}

export const SIMULATOR_USAGE = `Usage: simulate [options]
  --url URL                  platform base URL (default http://127.0.0.1:3000)
  --test NAME                experiment (default ${DEFAULT_TEST_NAME})
  --users N                  synthetic users (default 1000)
  --seed N                   random seed (default 1)
  --concurrency N            users in flight at once (default 8)
  --user-prefix P            user ids P00001, P00002, ... (default sim_<seed>_; user_ = the sample users)
  --num-results N            recommendations per request (default 10)
  --click RATES              e.g. variant_a=0.30,variant_b=0.35 or 0.3 for every variant
  --add-to-cart RATES        the same, for add_to_cart
  --purchase RATES           the same, for purchase (event_value = the item's catalog price)
  --skip-enrollment V=SHARE  that share of variant V's users never reach the platform (an SRM)
  --variants V=W,...         the test's variants and weights (known for ${DEFAULT_TEST_NAME})
  --item-click RATES         interleaving experiments: each listed item is clicked at the rate of
                             the variant that contributed it, e.g. variant_a=0.05,variant_b=0.08
  --json                     print the ground truth as JSON`;

function wholeNumber(option: string, text: string, min: number, max: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new SimulationOptionError(option, `must be a whole number from ${min} to ${max}`);
  }
  return value;
}

function parseVariants(text: string): WeightedVariant[] {
  const rates = parseVariantRates("variants", text);
  if (rates.fallback !== undefined)
    throw new SimulationOptionError("variants", "every entry must be V=weight");
  const variants = Object.entries(rates.byVariant).map(([id, weight]) => ({ id, weight }));
  const total = variants.reduce((sum, variant) => sum + variant.weight, 0);
  if (Math.abs(total - 1) > 1e-9)
    throw new SimulationOptionError("variants", `weights must sum to 1 (got ${total})`);
  return variants;
}

/** Options that only an A/B test's users act on. */
const AB_OPTIONS = ["click", "add-to-cart", "purchase", "skip-enrollment", "variants"] as const;

/** Which kind of experiment the options describe: --item-click and the A/B options exclude each other. */
function kindOfOptions(values: ReturnType<typeof parse>["values"]): ExperimentKind | undefined {
  const abGiven = AB_OPTIONS.filter((option) => values[option] !== undefined);
  if (values["item-click"] === undefined) return abGiven.length > 0 ? "ab" : undefined;
  if (abGiven.length > 0) {
    throw new SimulationOptionError(
      "item-click",
      `is for interleaving experiments and cannot be mixed with ${abGiven.map((option) => `--${option}`).join(", ")}, which are for A/B tests`,
    );
  }
  return "interleaving";
}

export interface ParsedCommandLine {
  readonly options: SimulationOptions;
  readonly json: boolean;
  readonly help: boolean;
}

/** The simulator's command line, every bad value refused with the option it came from. */
export function parseSimulationArgs(args: readonly string[]): ParsedCommandLine {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new SimulationOptionError("arguments", (error as Error).message);
  }
  const { values } = parsed;
  const testName = values.test;
  if (!TEST_NAME_PATTERN.test(testName)) {
    throw new SimulationOptionError("test", "must be 1-128 letters, digits, '_', '.' or '-'");
  }
  const seed = wholeNumber("seed", values.seed, 0, 2 ** 31 - 1);
  const kind = kindOfOptions(values);
  const rates = Object.fromEntries(
    FUNNEL_STEPS.map(({ eventType, option }) => {
      const text = values[option];
      return [eventType, text === undefined ? NO_RATES : parseVariantRates(option, text)];
    }),
  ) as Record<FunnelEventType, VariantRates>;
  const skip =
    values["skip-enrollment"] === undefined
      ? NO_RATES
      : parseVariantRates("skip-enrollment", values["skip-enrollment"]);
  if (skip.fallback !== undefined) {
    throw new SimulationOptionError("skip-enrollment", "name the variant: V=share");
  }
  let variants: readonly WeightedVariant[];
  if (values.variants !== undefined) variants = parseVariants(values.variants);
  else if (testName === DEFAULT_TEST_NAME) variants = DEFAULT_EXPERIMENT.variants;
  else if (Object.keys(skip.byVariant).length > 0) {
    throw new SimulationOptionError("variants", `is required with --skip-enrollment for ${testName}`);
  } else variants = [];
  for (const variant of Object.keys(skip.byVariant)) {
    if (!variants.some((candidate) => candidate.id === variant)) {
      throw new SimulationOptionError("skip-enrollment", `${variant} is not a variant of ${testName}`);
    }
  }
  return {
    json: values.json,
    help: values.help,
    options: {
      url: values.url.replace(/\/+$/, ""),
      testName,
      users: wholeNumber("users", values.users, 1, 10_000_000),
      seed,
      concurrency: wholeNumber("concurrency", values.concurrency, 1, 256),
      userPrefix: values["user-prefix"] ?? `sim_${seed}_`,
      numResults: wholeNumber("num-results", values["num-results"], 1, MAX_NUM_RESULTS),
      rates,
      skipEnrollment: skip.byVariant,
      variants,
      itemClick:
        values["item-click"] === undefined ? NO_RATES : parseVariantRates("item-click", values["item-click"]),
      kind,
    },
  };
}

function parse(args: readonly string[]) {
  return parseArgs({
    args: [...args],
    strict: true,
    allowPositionals: false,
    options: {
      url: { type: "string", default: "http://127.0.0.1:3000" },
      test: { type: "string", default: DEFAULT_TEST_NAME },
      users: { type: "string", default: "1000" },
      seed: { type: "string", default: "1" },
      concurrency: { type: "string", default: "8" },
      "user-prefix": { type: "string" },
      "num-results": { type: "string", default: "10" },
      click: { type: "string" },
      "add-to-cart": { type: "string" },
      purchase: { type: "string" },
      "skip-enrollment": { type: "string" },
      variants: { type: "string" },
      "item-click": { type: "string" },
      json: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
}
