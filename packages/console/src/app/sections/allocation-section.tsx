import { lineY, ruleY } from "@observablehq/plot";
import { formatPercent, formatTime } from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

/** One allocation period of an experiment: the weights in force from `started_at` on. */
export interface AllocationPeriod {
  readonly index: number;
  readonly started_at: number;
  readonly weights: Readonly<Record<string, number>>;
  readonly source: string;
}

/** How the weights moved: a step per period (a bandit's updates, or manual changes). */
export function AllocationSection({
  periods,
  allocation,
}: {
  readonly periods: readonly AllocationPeriod[];
  readonly allocation: string;
}) {
  const variants = Object.keys(periods[0]?.weights ?? {});
  const now = Date.now();
  // Each period's weights hold until the next one starts: a step chart drawn through both ends.
  const steps = periods.flatMap((period, position) => {
    const end = periods[position + 1]?.started_at ?? Math.max(now, period.started_at);
    return Object.entries(period.weights).flatMap(([variant, weight]) => [
      { time: new Date(period.started_at), variant, weight },
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
                  <td>{formatTime(period.started_at)}</td>
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
