import { type AnyResults, isInterleaving } from "../any-results";
import type { ApiClient } from "../api-client";
import { experimentHref } from "../console-route";
import type { ExperimentRecord } from "../experiment-record";
import { LoadFailure } from "../load-failure";
import { formatCount } from "../number-format";
import { verdictText } from "../sections/decision-section";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";
import { useLoad } from "../use-load";

interface ListedExperiment {
  readonly record: ExperimentRecord;
  /** Null for a draft, which has no results yet; an Error when they could not be read. */
  readonly results: AnyResults | Error | null;
}

async function listExperiments(api: ApiClient): Promise<ListedExperiment[]> {
  const { experiments } = await api.request<{ experiments: ExperimentRecord[] }>("GET", "/experiments");
  return Promise.all(
    experiments.map(async (record) => ({
      record,
      results:
        record.status === "draft"
          ? null
          : await api
              .request<AnyResults>("GET", `/experiments/${encodeURIComponent(record.name)}/results`)
              .catch((error: Error) => error),
    })),
  );
}

/** Enrolled users of an A/B test; an interleaving test enrolls no one (it counts lists shown). */
function usersOf(results: ListedExperiment["results"]): string {
  if (results === null || results instanceof Error) return "—";
  if (isInterleaving(results)) return `${formatCount(results.impressions)} lists`;
  return formatCount(Object.values(results.users).reduce((sum, n) => sum + n, 0));
}

function verdictOf(results: ListedExperiment["results"]): string {
  if (results === null) return "—";
  if (results instanceof Error) return `results unavailable (${results.message})`;
  if (isInterleaving(results)) {
    const favoured = results.pairs.map((pair) => pair.favours).filter((variant) => variant !== null);
    return favoured.length > 0 ? `Preferred: ${[...new Set(favoured)].join(", ")}` : "No preference yet";
  }
  return verdictText(results.decision);
}

/** Every experiment with its status, variants, users and verdict. */
export function ExperimentsListPage({ api }: { readonly api: ApiClient }) {
  const [listed] = useLoad(() => listExperiments(api), "list");
  return (
    <>
      <h1>Experiments</h1>
      {listed.state === "loading" && <p aria-busy="true">Loading experiments…</p>}
      {listed.state === "failed" && <LoadFailure what="the experiments" error={listed.error} />}
      {listed.state === "done" && (
        <TableScroll label="Experiments">
          <table data-testid="experiments-table" class="stack-on-phone">
            <caption class="visually-hidden">Experiments</caption>
            <TableHead columns={["experiment", "status", "variants", "users", "verdict"]} />
            <tbody>
              {listed.value.map(({ record, results }) => (
                <tr key={record.name} data-experiment={record.name}>
                  <th scope="row">
                    <a href={experimentHref(record.name)}>{record.name}</a>
                  </th>
                  <td data-label="status">
                    <span class={`status status-${record.status}`}>{record.status}</span>
                  </td>
                  <td data-label="variants">{record.variants.map((variant) => variant.id).join(", ")}</td>
                  <td data-label="users" data-field="users">
                    {usersOf(results)}
                  </td>
                  <td data-label="verdict" data-field="verdict">
                    {verdictOf(results)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </>
  );
}
