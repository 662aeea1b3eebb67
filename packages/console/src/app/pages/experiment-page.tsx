import type { ExperimentResults } from "@personalize-ab/experiments/results";
import type { ApiClient } from "../api-client";
import { LoadFailure } from "../load-failure";
import { ResultsView } from "../results-view";
import { TryItPanel } from "../sections/try-it-panel";
import { useLoad } from "../use-load";

const resultsPath = (name: string) => `/experiments/${encodeURIComponent(name)}/results`;

/** One experiment: its results, its history and allocation, the admin actions and the try-it panel. */
export function ExperimentPage({ api, name }: { readonly api: ApiClient; readonly name: string }) {
  const [results] = useLoad(() => api.request<ExperimentResults>("GET", resultsPath(name)), name);
  return (
    <>
      <nav aria-label="Breadcrumb">
        <a href="#/">All experiments</a>
      </nav>
      <h1>
        {name}{" "}
        {results.state === "done" && (
          <span class={`status status-${results.value.status}`}>{results.value.status}</span>
        )}
      </h1>
      {results.state === "loading" && <p aria-busy="true">Loading results…</p>}
      {results.state === "failed" && <LoadFailure what="the results" error={results.error} />}
      {results.state === "done" && <ResultsView results={results.value} />}
      <TryItPanel api={api} testName={name} />
    </>
  );
}
