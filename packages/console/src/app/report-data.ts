import type { AnyResults } from "./any-results";

/** The id of the `<script type="application/json">` element a report's data is embedded in. */
export const REPORT_DATA_ELEMENT_ID = "report-data";

/** The data a shared report carries inside its HTML. */
export interface EmbeddedReport {
  readonly results: AnyResults;
  readonly source: string;
}
