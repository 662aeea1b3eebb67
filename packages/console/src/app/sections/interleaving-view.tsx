import { dot, ruleX, ruleY } from "@observablehq/plot";
import type { InterleavingResults } from "@personalize-ab/experiments/interleaving";
import { formatCount, formatPValue, formatTime } from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";
import { OUTCOME_COLOURS } from "./metric-section";

const signed = (value: number) => `${value > 0 ? "+" : ""}${value.toFixed(3)}`;

/**
 * An interleaving experiment: for each pair of variants, users' preference for one over the other
 * (+1 always the first, −1 always the second) with its interval, and the counts behind it.
 */
export function InterleavingView({ results }: { readonly results: InterleavingResults }) {
  const points = results.pairs.map((pair) => ({
    pair: `${pair.a} vs ${pair.b}`,
    preference: pair.preference,
    low: pair.ci[0],
    high: pair.ci[1],
    outcome: pair.significant ? "better" : "inconclusive",
  }));
  return (
    <>
      <p class="computed-at">
        Computed {formatTime(Date.parse(results.computed_at))} UTC · interleaving of{" "}
        {results.variants.join(", ")} · clicks are {results.click_event_types.join(", ")}
      </p>
      <section aria-labelledby="pairs-heading">
        <h2 id="pairs-heading">Preference per pair</h2>
        <p>
          {formatCount(results.impressions)} interleaved lists shown,{" "}
          {formatCount(results.clicked_impressions)} with a click.
        </p>
        <div class="figure-over-numbers">
          {points.length > 0 && (
            <PlotFigure
              label="Users' preference for the first variant of each pair over the second, with its interval"
              options={{
                height: 40 + 36 * points.length,
                marginLeft: 150,
                x: {
                  label: "preference (+1 always the first, −1 always the second)",
                  domain: [-1, 1],
                  grid: true,
                },
                y: { label: null, domain: points.map((point) => point.pair) },
                color: { domain: Object.keys(OUTCOME_COLOURS), range: Object.values(OUTCOME_COLOURS) },
                marks: [
                  ruleX([0], { stroke: "#222" }),
                  ruleY(points, { y: "pair", x1: "low", x2: "high", stroke: "outcome", strokeWidth: 3 }),
                  dot(points, { x: "preference", y: "pair", fill: "outcome", r: 5 }),
                ],
              }}
            />
          )}
          <TableScroll label="Pairs">
            <table data-testid="pairs-table">
              <TableHead
                columns={[
                  "pair",
                  "users",
                  "preference",
                  "interval",
                  "p",
                  "users preferring",
                  "wins / losses / ties",
                  "favours",
                ]}
              />
              <tbody>
                {results.pairs.map((pair) => (
                  <tr key={`${pair.a}:${pair.b}`} data-pair={`${pair.a}:${pair.b}`}>
                    <th scope="row">
                      {pair.a} vs {pair.b}
                    </th>
                    <td>{formatCount(pair.users)}</td>
                    <td data-field="preference">{signed(pair.preference)}</td>
                    <td>
                      [{signed(pair.ci[0])}, {signed(pair.ci[1])}]
                    </td>
                    <td>{formatPValue(pair.p_value)}</td>
                    <td>
                      {pair.users_preferring.a} / {pair.users_preferring.b} / {pair.users_preferring.neither}
                    </td>
                    <td>
                      {pair.wins} / {pair.losses} / {pair.ties}
                    </td>
                    <td data-field="favours">{pair.favours ?? "neither (yet)"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </div>
        {Object.values(results.failures).some((count) => count > 0) && (
          <p class="hint">
            Lists a variant failed for (left out of its pairs):{" "}
            {Object.entries(results.failures)
              .map(([variant, count]) => `${variant} ${count}`)
              .join(", ")}
            .
          </p>
        )}
      </section>
    </>
  );
}
