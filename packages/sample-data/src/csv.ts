import { parse } from "csv-parse/sync";
import { stringify } from "csv-stringify/sync";

/** RFC 4180 CSV with a header row and '\n' line ends, as Personalize imports it. */
export function formatCsv(header: readonly string[], rows: Iterable<readonly string[]>): string {
  return stringify([header, ...rows]);
}

/** Parses CSV text into rows of fields; quoted fields may hold commas, quotes and line breaks. */
export function parseCsv(text: string): string[][] {
  // Rows of any length come back as they are; the dataset reader names the line of a short one.
  return parse(text, { relax_column_count: true });
}
