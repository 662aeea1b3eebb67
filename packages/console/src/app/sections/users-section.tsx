import { barY, ruleY, tickY } from "@observablehq/plot";
import type { SrmReport } from "@personalize-ab/statistics";
import { formatCount, formatPercent, formatPValue } from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";

interface UsersSectionProps {
  readonly users: Record<string, number>;
  readonly srm: SrmReport;
}

function srmText(srm: SrmReport): string {
  if (!srm.checked || srm.p_value === null) return "Sample ratio not checked yet: too few users.";
  if (srm.mismatch) {
    return `Sample-ratio mismatch (p ${srm.p_value < 0.001 ? "< 0.001" : `= ${formatPValue(srm.p_value)}`}): users did not split as configured; the results are not to be trusted.`;
  }
  return `Sample ratio healthy (p = ${formatPValue(srm.p_value)}): users split as configured.`;
}

/** Enrolled users per variant against the split the weights promise, and the SRM verdict. */
export function UsersSection({ users, srm }: UsersSectionProps) {
  const total = Object.values(users).reduce((sum, n) => sum + n, 0);
  const rows = Object.entries(users).map(([variant, n]) => ({
    variant,
    users: n,
    expected: srm.expected[variant] ?? 0,
  }));
  return (
    <section aria-labelledby="users-heading">
      <h2 id="users-heading">Users per variant</h2>
      <p
        class={srm.mismatch ? "srm srm-mismatch" : "srm"}
        data-testid="srm"
        role={srm.mismatch ? "alert" : undefined}
      >
        {srmText(srm)}
      </p>
      <div class="figure-with-numbers">
        <PlotFigure
          label="Enrolled users per variant, with the expected count as a tick"
          options={{
            height: 200,
            marginLeft: 60,
            x: { label: null },
            y: { label: "users", grid: true },
            marks: [
              barY(rows, { x: "variant", y: "users", fill: "#4269d0" }),
              tickY(rows, { x: "variant", y: "expected", stroke: "#222", strokeWidth: 2 }),
              ruleY([0]),
            ],
          }}
        />
        <table data-testid="users-table">
          <caption class="visually-hidden">Enrolled users per variant</caption>
          <TableHead columns={["variant", "users", "share", "expected"]} />
          <tbody>
            {rows.map((row) => (
              <tr key={row.variant} data-variant={row.variant}>
                <th scope="row">{row.variant}</th>
                <td data-field="users">{formatCount(row.users)}</td>
                <td>{total > 0 ? formatPercent(row.users / total, 1) : "—"}</td>
                <td>{formatCount(row.expected)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
