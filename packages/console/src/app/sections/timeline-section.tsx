import { areaY, dot, lineY, ruleY } from "@observablehq/plot";
import type { TimelinePoint } from "@personalize-ab/experiments/results";
import { useState } from "preact/hooks";
import { formatCount, formatInterval, formatLift } from "../number-format";
import { PlotFigure } from "../plot-figure";
import { TableHead } from "../table-head";
import { TableScroll } from "../table-scroll";

interface TimelineSectionProps {
  readonly timeline: readonly TimelinePoint[];
  readonly metrics: readonly string[];
}

const asDate = (day: string) => new Date(`${day}T00:00:00Z`);

/** Cumulative users and lift at the end of each enrollment day: how the result settled. */
export function TimelineSection({ timeline, metrics }: TimelineSectionProps) {
  const [metric, setMetric] = useState(metrics[0] ?? "");
  if (timeline.length === 0) {
    return (
      <section aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Over enrollment days</h2>
        <p>No users enrolled yet.</p>
      </section>
    );
  }
  const users = timeline.flatMap((point) =>
    Object.entries(point.users).map(([variant, n]) => ({ day: asDate(point.day), variant, users: n })),
  );
  const lifts = timeline.flatMap((point) =>
    (point.lifts[metric] ?? []).flatMap(({ variant, relative_lift, ci }) =>
      relative_lift === null || ci === null
        ? []
        : [{ day: asDate(point.day), variant, lift: relative_lift, low: ci[0], high: ci[1] }],
    ),
  );
  const variants = Object.keys(timeline[0]?.users ?? {});
  const treatments = [...new Set(lifts.map((lift) => lift.variant))];
  return (
    <section aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Over enrollment days</h2>
      <div class="two-charts">
        <figure>
          <figcaption>Cumulative users</figcaption>
          <PlotFigure
            label="Cumulative enrolled users per variant by enrollment day"
            options={{
              height: 220,
              marginLeft: 60,
              x: { type: "utc", label: null },
              y: { label: "users", grid: true },
              color: { legend: true, domain: variants },
              marks: [
                ruleY([0]),
                lineY(users, { x: "day", y: "users", stroke: "variant", z: "variant" }),
                dot(users, { x: "day", y: "users", fill: "variant", r: 2.5 }),
              ],
            }}
          />
        </figure>
        <figure>
          <figcaption>
            <label>
              Cumulative lift on{" "}
              <select value={metric} onChange={(event) => setMetric(event.currentTarget.value)}>
                {metrics.map((name) => (
                  <option key={name} value={name}>
                    {name}
                  </option>
                ))}
              </select>
            </label>
          </figcaption>
          <PlotFigure
            label={`Cumulative lift over the control on ${metric} by enrollment day, with its interval`}
            options={{
              height: 220,
              marginLeft: 60,
              x: { type: "utc", label: null },
              y: { label: "lift", tickFormat: "+.0%", grid: true },
              color: { legend: true, domain: treatments },
              marks: [
                areaY(lifts, {
                  x: "day",
                  y1: "low",
                  y2: "high",
                  fill: "variant",
                  z: "variant",
                  fillOpacity: 0.15,
                }),
                ruleY([0], { stroke: "#222" }),
                lineY(lifts, { x: "day", y: "lift", stroke: "variant", z: "variant" }),
                dot(lifts, { x: "day", y: "lift", fill: "variant", r: 2.5 }),
              ],
            }}
          />
        </figure>
      </div>
      <details>
        <summary>Day by day, as numbers</summary>
        <TableScroll label="Day by day">
          <table data-testid="timeline-table">
            <TableHead
              columns={[
                "day",
                ...variants.map((variant) => `${variant} users`),
                ...treatments.map((variant) => `${variant} lift on ${metric}`),
              ]}
            />
            <tbody>
              {timeline.map((point) => (
                <tr key={point.day}>
                  <th scope="row">{point.day}</th>
                  {variants.map((variant) => (
                    <td key={variant}>{formatCount(point.users[variant] ?? 0)}</td>
                  ))}
                  {treatments.map((variant) => {
                    const lift = point.lifts[metric]?.find((candidate) => candidate.variant === variant);
                    return (
                      <td key={`lift-${variant}`}>
                        {lift ? `${formatLift(lift.relative_lift)} ${formatInterval(lift.ci)}` : "—"}
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      </details>
    </section>
  );
}
