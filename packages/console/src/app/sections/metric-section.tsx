import { dot, ruleX, ruleY } from "@observablehq/plot";
import type { ComparisonResult, MetricResult } from "@personalize-ab/statistics";
import { comparisonNotes } from "../comparison-notes";
import {
  formatCount,
  formatInterval,
  formatLift,
  formatMetricValue,
  formatPercent,
  formatPValue,
} from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

/** Colours with at least 4.5:1 contrast on white. */
export const OUTCOME_COLOURS = { better: "#1a7f37", worse: "#cf222e", inconclusive: "#57606a" } as const;

const ROLE_TEXT: Record<MetricResult["role"], string> = {
  primary: "primary metric",
  secondary: "secondary metric",
  guardrail: "guardrail",
};

function liftChartOptions(comparisons: readonly ComparisonResult[]) {
  // A comparison without a relative lift (control at 0) has no interval to draw either.
  const points = comparisons.flatMap(({ variant, relative_lift, ci, outcome }) =>
    relative_lift === null || ci === null
      ? []
      : [{ variant, lift: relative_lift, low: ci[0], high: ci[1], outcome }],
  );
  return {
    height: 40 + 36 * Math.max(points.length, 1),
    marginLeft: 90,
    x: { label: "lift over the control", tickFormat: "+.0%", grid: true },
    y: { label: null, domain: points.map((point) => point.variant) },
    color: { domain: Object.keys(OUTCOME_COLOURS), range: Object.values(OUTCOME_COLOURS) },
    marks: [
      ruleX([0], { stroke: "#222" }),
      ruleY(points, { y: "variant", x1: "low", x2: "high", stroke: "outcome", strokeWidth: 3 }),
      dot(points, { x: "lift", y: "variant", fill: "outcome", r: 5 }),
    ],
  };
}

/** One metric: each treatment's lift with its interval, and every number beside the chart. */
export function MetricSection({
  metric,
  control,
}: {
  readonly metric: MetricResult;
  readonly control: string;
}) {
  const headingId = `metric-${metric.name}`;
  const byVariant = new Map(metric.comparisons.map((comparison) => [comparison.variant, comparison]));
  const notes = metric.comparisons.flatMap((comparison) =>
    comparisonNotes(metric.kind, comparison).map((note) => ({ variant: comparison.variant, note })),
  );
  return (
    <section aria-labelledby={headingId} class="metric" data-metric={metric.name}>
      <h3 id={headingId}>
        {metric.name} <span class="role">{ROLE_TEXT[metric.role]}</span>
      </h3>
      <p class="metric-note">
        {metric.kind} · {metric.method === "sequential" ? "sequential (always valid)" : "fixed horizon"} ·{" "}
        {metric.lower_is_better ? "lower is better" : "higher is better"} · against {control}
      </p>
      <div class="figure-over-numbers">
        {metric.comparisons.some((comparison) => comparison.relative_lift !== null) ? (
          <PlotFigure
            label={`Lift of each variant over ${control} on ${metric.name}, with its interval`}
            options={liftChartOptions(metric.comparisons)}
          />
        ) : (
          <p class="hint">No relative lift: the control's value is 0.</p>
        )}
        <TableScroll label={`${metric.name} per variant`}>
          <table data-testid={`metric-table-${metric.name}`}>
            <caption class="visually-hidden">{metric.name} per variant</caption>
            <TableHead
              columns={[
                "variant",
                "users",
                "value",
                "lift",
                "interval",
                "p (adjusted)",
                "chance to win",
                "MDE",
              ]}
            />
            <tbody>
              {metric.variants.map((variant) => {
                const comparison = byVariant.get(variant.id);
                return (
                  <tr
                    key={variant.id}
                    data-variant={variant.id}
                    class={comparison && `outcome-${comparison.outcome}`}
                  >
                    <th scope="row">{variant.id}</th>
                    <td data-field="users">{formatCount(variant.users)}</td>
                    <td data-field="value">{formatMetricValue(metric.kind, variant.value)}</td>
                    {comparison ? (
                      <>
                        <td data-field="lift">{formatLift(comparison.relative_lift)}</td>
                        <td data-field="ci">{formatInterval(comparison.ci)}</td>
                        <td data-field="p">
                          {formatPValue(comparison.p_value)} ({formatPValue(comparison.p_value_adjusted)})
                        </td>
                        <td data-field="chance_to_win">{formatPercent(comparison.chance_to_win, 1)}</td>
                        <td data-field="mde">
                          {comparison.mde === null ? "—" : formatPercent(comparison.mde, 1)}
                        </td>
                      </>
                    ) : (
                      <td colSpan={5} class="control-cell">
                        control
                      </td>
                    )}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </TableScroll>
        {notes.length > 0 && (
          <ul class="comparison-notes" data-testid={`metric-notes-${metric.name}`}>
            {notes.map(({ variant, note }) => (
              <li key={`${variant} ${note}`} data-variant={variant}>
                <strong>{variant}</strong>: {note}
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
