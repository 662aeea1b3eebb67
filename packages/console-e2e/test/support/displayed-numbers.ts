import type { Locator } from "playwright-core";

/** "1,234" → 1234. */
export function parseCount(text: string): number {
  return Number(text.replace(/,/g, ""));
}

/** "+12.3%" or "−4.0%" → 0.123, -0.04; "—" → null. */
export function parsePercent(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === "—") return null;
  return Number(trimmed.replace("%", "")) / 100;
}

/** "[-1.2%, +30.4%]" → [-0.012, 0.304]; "[—, —]" → [null, null]. */
export function parseInterval(text: string): [number | null, number | null] {
  const [low, high] = text.replace(/[[\]]/g, "").split(",");
  return [parsePercent(low!), parsePercent(high!)];
}

/**
 * An absolute difference as the console writes it, with half its last digit: "+3.10 pp" (a
 * proportion in percentage points, 2 decimals) → 0.031 ± 0.00005; "-2.346" (4 significant digits)
 * → -2.346 ± 0.0005.
 */
export function parseDifference(text: string): { value: number; tolerance: number } {
  const trimmed = text.trim();
  const points = trimmed.endsWith(" pp");
  const digits = trimmed.replace(" pp", "").replace("+", "");
  const value = Number(digits) / (points ? 100 : 1);
  if (!Number.isFinite(value)) throw new Error(`not a difference: ${JSON.stringify(text)}`);
  if (points) return { value, tolerance: 0.00005 + 1e-12 };
  // Half a unit in the 4th significant digit (trailing zeros are not written: 1.000 shows as "1").
  const magnitude = value === 0 ? -Infinity : Math.floor(Math.log10(Math.abs(value)));
  return { value, tolerance: 0.5 * 10 ** (magnitude - 3) + 1e-12 };
}

/** The text of one cell of a row (`data-variant`) in a table, by its `data-field`. */
export async function cellText(table: Locator, variant: string, field: string): Promise<string> {
  // Each cell holds plain text: its text content is what the reader sees.
  return (await table.locator(`tr[data-variant="${variant}"] [data-field="${field}"]`).textContent()) ?? "";
}
