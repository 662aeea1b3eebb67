import { lineY, ruleY } from "@observablehq/plot";
import type { AllocationPeriod } from "@personalize-ab/domain";
import { formatPercent, formatTime } from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

const HOUR_MS = 3_600_000;

/** How the weights moved: a step per period (a bandit's updates, or manual changes). */
export function AllocationSection({
  periods,
  allocation,
  variants,
}: {
  readonly periods: readonly AllocationPeriod[];
  readonly allocation: string;
  /** The variant ids in their declared order. */
  readonly variants: readonly string[];
}) {
  const now = Date.now();
  // A record from before periods were kept starts at 0 (the epoch): drawn from an hour before the
  // next known change, or before now, so that the chart is not fifty years wide.
  const firstKnown = periods.find((period) => period.started_at > 0)?.started_at ?? now;
  const startOf = (period: AllocationPeriod) => period.started_at || firstKnown - HOUR_MS;
  // Each period's weights hold until the next one starts: a step chart drawn through both ends.
  const steps = periods.flatMap((period, position) => {
    const next = periods[position + 1];
    const end = next ? startOf(next) : Math.max(now, startOf(period));
    return Object.entries(period.weights).flatMap(([variant, weight]) => [
      { time: new Date(startOf(period)), variant, weight },
      { time: new Date(end), variant, weight },
    ]);
  });
  return (
    <section aria-labelledby="allocation-heading">
      <h2 id="allocation-heading">Allocation history</h2>
      <p>
        {allocation} allocation, {periods.length} period{periods.length === 1 ? "" : "s"}.
      </p>
      <div class="figure-with-numbers">
        <PlotFigure
          label="Each variant's weight over time, one step per allocation period"
          options={{
            height: 220,
            marginLeft: 50,
            x: { type: "utc", label: null },
            y: { label: "weight", domain: [0, 1], tickFormat: ".0%", grid: true },
            color: { legend: true, domain: variants },
            marks: [ruleY([0]), lineY(steps, { x: "time", y: "weight", stroke: "variant", z: "variant" })],
          }}
        />
        <TableScroll label="Allocation periods">
          <table data-testid="allocation-table">
            <TableHead columns={["period", "from (UTC)", "source", ...variants]} />
            <tbody>
              {periods.map((period) => (
                <tr key={period.index}>
                  <th scope="row">{period.index}</th>
                  <td>{period.started_at === 0 ? "the start" : formatTime(period.started_at)}</td>
                  <td>{period.source}</td>
                  {variants.map((variant) => (
                    <td key={variant}>{formatPercent(period.weights[variant] ?? 0, 1)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </div>
    </section>
  );
}
