import { useState } from "preact/hooks";
import type { AnyResults } from "../any-results";
import type { ApiClient } from "../api-client";
import { type ExperimentHistory, type ExperimentRecord, experimentPath } from "../experiment-record";
import { LoadFailure } from "../load-failure";
import { AnyResultsView } from "../results-view";
import { AdminPanel } from "../sections/admin-panel";
import { AllocationSection } from "../sections/allocation-section";
import { HistorySection } from "../sections/history-section";
import { TryItPanel } from "../sections/try-it-panel";
import { useLoad } from "../use-load";

/** One experiment: its results, allocation and change history, the admin actions and the try-it panel. */
export function ExperimentPage({ api, name }: { readonly api: ApiClient; readonly name: string }) {
  // Every successful change reloads what it may have changed: the record, its history, the results.
  const [changes, setChanges] = useState(0);
  const key = `${name}#${changes}`;
  const [record] = useLoad(() => api.request<ExperimentRecord>("GET", experimentPath(name)), key);
  const [history] = useLoad(
    () => api.request<ExperimentHistory>("GET", `${experimentPath(name)}/history`),
    key,
  );
  const [results] = useLoad(() => api.request<AnyResults>("GET", `${experimentPath(name)}/results`), key);
  const status = record.state === "done" ? record.value.status : undefined;
  return (
    <>
      <nav aria-label="Breadcrumb">
        <a href="#/">All experiments</a>
      </nav>
      <h1>
        {name}{" "}
        {status && (
          <span class={`status status-${status}`} data-testid="status">
            {status}
          </span>
        )}
      </h1>
      {results.state === "loading" && <p aria-busy="true">Loading results…</p>}
      {results.state === "failed" && <LoadFailure what="the results" error={results.error} />}
      {results.state === "done" && <AnyResultsView results={results.value} />}
      {record.state === "failed" && <LoadFailure what="the experiment" error={record.error} />}
      {record.state === "done" && (
        <>
          <AllocationSection
            periods={record.value.periods}
            allocation={record.value.allocation?.type ?? "fixed"}
            variants={record.value.variants.map((variant) => variant.id)}
          />
          <AdminPanel
            key={record.value.version}
            api={api}
            record={record.value}
            onChanged={() => setChanges((count) => count + 1)}
          />
        </>
      )}
      {history.state === "failed" && <LoadFailure what="the change history" error={history.error} />}
      {history.state === "done" && <HistorySection entries={history.value.entries} />}
      <TryItPanel api={api} testName={name} />
    </>
  );
}
