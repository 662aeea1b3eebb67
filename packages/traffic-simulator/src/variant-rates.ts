import { SimulationOptionError } from "./option-error";

/** Per-variant probabilities, with an optional one for variants not named. */
export interface VariantRates {
  readonly fallback?: number;
  readonly byVariant: Readonly<Record<string, number>>;
}

export const NO_RATES: VariantRates = { byVariant: {} };

function probability(option: string, text: string): number {
  const value = Number(text);
  if (text.trim() === "" || !Number.isFinite(value) || value < 0 || value > 1) {
    throw new SimulationOptionError(option, `${JSON.stringify(text)} is not a probability between 0 and 1`);
  }
  return value;
}

/**
 * `variant_a=0.05,variant_b=0.08`, or a bare `0.05` for every variant not named
 * (`0.05,variant_b=0.08`).
 */
export function parseVariantRates(option: string, text: string): VariantRates {
  const byVariant: Record<string, number> = {};
  let fallback: number | undefined;
  for (const entry of text.split(",")) {
    const [variant, value, ...rest] = entry.split("=");
    if (value === undefined) {
      if (fallback !== undefined) throw new SimulationOptionError(option, "names more than one default rate");
      fallback = probability(option, entry);
      continue;
    }
    if (rest.length > 0 || !/^[A-Za-z0-9_.-]{1,64}$/.test(variant!)) {
      throw new SimulationOptionError(option, `${JSON.stringify(entry)} is not variant=rate`);
    }
    if (variant! in byVariant) throw new SimulationOptionError(option, `names ${variant} twice`);
    byVariant[variant!] = probability(option, value);
  }
  return fallback === undefined ? { byVariant } : { fallback, byVariant };
}

export function rateFor(rates: VariantRates, variant: string): number {
  return rates.byVariant[variant] ?? rates.fallback ?? 0;
}
