import type { ExperimentResults } from "@personalize-ab/experiments/results";
import { type AnyResults, isInterleaving } from "./any-results";
import { formatTime } from "./number-format";
import { DecisionSection } from "./sections/decision-section";
import { InterleavingView } from "./sections/interleaving-view";
import { MetricSection } from "./sections/metric-section";
import { TimelineSection } from "./sections/timeline-section";
import { UsersSection } from "./sections/users-section";

/** An experiment's results of either kind. */
export function AnyResultsView({ results }: { readonly results: AnyResults }) {
  return isInterleaving(results) ? <InterleavingView results={results} /> : <ResultsView results={results} />;
}

/**
 * An A/B experiment's results as the console and the shared report show them: the decision, the users
 * and their split, each metric's lifts, and the day-by-day view.
 */
export function ResultsView({ results }: { readonly results: ExperimentResults }) {
  return (
    <>
      <p class="computed-at">
        Computed {formatTime(Date.parse(results.computed_at))} UTC · α = {results.alpha} · control{" "}
        {results.control}
      </p>
      <DecisionSection decision={results.decision} />
      <UsersSection users={results.users} srm={results.srm} />
      <section aria-labelledby="metrics-heading">
        <h2 id="metrics-heading">Metrics</h2>
        {results.metrics.map((metric) => (
          <MetricSection key={metric.name} metric={metric} control={results.control} />
        ))}
      </section>
      <TimelineSection timeline={results.timeline} metrics={results.metrics.map((metric) => metric.name)} />
    </>
  );
}
