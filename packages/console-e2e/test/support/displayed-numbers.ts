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

/** "[-1.2%, +30.4%]" → [-0.012, 0.304]. */
export function parseInterval(text: string): [number, number] {
  const [low, high] = text.replace(/[[\]]/g, "").split(",");
  return [parsePercent(low!)!, parsePercent(high!)!];
}

/** The text of one cell of a row (`data-variant`) in a table, by its `data-field`. */
export async function cellText(table: Locator, variant: string, field: string): Promise<string> {
  // Each cell holds plain text: its text content is what the reader sees.
  return (await table.locator(`tr[data-variant="${variant}"] [data-field="${field}"]`).textContent()) ?? "";
}
