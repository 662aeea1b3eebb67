import type { EmbeddedReport } from "./report-data";
import { AnyResultsView } from "./results-view";

/** The results view of one experiment from data embedded in the page: no API, no network. */
export function ReportApp({ report }: { readonly report: EmbeddedReport }) {
  return (
    <main id="main">
      <h1>
        {report.results.test_name}{" "}
        <span class={`status status-${report.results.status}`}>{report.results.status}</span>
      </h1>
      <p class="hint">
        A report of {report.source}, made when the results were computed; it does not update.
      </p>
      <AnyResultsView results={report.results} />
    </main>
  );
}
