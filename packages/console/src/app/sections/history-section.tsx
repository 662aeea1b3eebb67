import type { HistoryEntry } from "@personalize-ab/domain";
import { formatTime } from "../number-format";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

const MAX_VALUE_CHARS = 160;

function shortJson(value: unknown): string {
  const text = value === undefined ? "—" : JSON.stringify(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** Every write of the record, newest first: who, when, what, and each field from → to. */
export function HistorySection({ entries }: { readonly entries: readonly HistoryEntry[] }) {
  const newestFirst = [...entries].sort((a, b) => b.version - a.version);
  return (
    <section aria-labelledby="history-heading">
      <h2 id="history-heading">Change history</h2>
      {newestFirst.length === 0 ? (
        <p>No changes recorded: the record has not been written through the admin API.</p>
      ) : (
        <TableScroll label="Change history">
          <table data-testid="history-table" class="history">
            <TableHead columns={["version", "when (UTC)", "who", "action", "changes"]} />
            <tbody>
              {newestFirst.map((entry) => (
                <tr key={entry.version} data-version={entry.version}>
                  <th scope="row">{entry.version}</th>
                  <td>{formatTime(entry.at)}</td>
                  <td class="caller">{entry.caller}</td>
                  <td data-field="action">{entry.action}</td>
                  <td class="changes">
                    <ul>
                      {Object.entries(entry.changes).map(([field, change]) => (
                        <li key={field}>
                          <code>{field}</code>: {"from" in change ? `${shortJson(change.from)} → ` : ""}
                          {shortJson(change.to)}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
    </section>
  );
}
