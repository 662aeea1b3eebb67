import {
  METRIC_DIMENSIONS,
  METRICS,
  METRICS_NAMESPACE,
  type MetricName,
  metricDimensionNames,
} from "@personalize-ab/domain";
import { Construct } from "constructs";
import { CloudwatchDashboard } from "../cdktf";
import type { EnvironmentConfig } from "../config/environment-config";
import type { NodejsFunction } from "../serving/nodejs-function";

export interface PlatformDashboardProps {
  readonly config: EnvironmentConfig;
  readonly apiId: string;
  readonly stageName: string;
  readonly functions: readonly NodejsFunction[];
}

type MetricRow = readonly (string | Record<string, unknown>)[];

/**
 * One dashboard per environment: recommendation requests, fallbacks and latency per experiment
 * variant (from the functions' custom metrics), then API and function health.
 */
export class PlatformDashboard extends Construct {
  readonly dashboard: CloudwatchDashboard;

  constructor(scope: Construct, id: string, props: PlatformDashboardProps) {
    super(scope, id);
    const { region } = props.config;
    const perVariant = (metric: MetricName, stat: string, label: string): MetricRow => [
      {
        expression: perVariantSearch(metric, props.config.name, stat),
        label,
      },
    ];
    const api = (metric: string, stat: string): MetricRow => [
      "AWS/ApiGateway",
      metric,
      "ApiId",
      props.apiId,
      "Stage",
      props.stageName,
      { stat, label: `API ${metric} ${stat}` },
    ];
    const perFunction = (metric: string, stat: string): MetricRow[] =>
      props.functions.map((fn) => ["AWS/Lambda", metric, "FunctionName", fn.name, { stat, label: fn.name }]);

    const widgets = [
      graph("Recommendation requests per variant", region, [
        perVariant(METRICS.recommendationRequests, "Sum", "requests"),
      ]),
      graph("Fallback responses per variant", region, [
        perVariant(METRICS.recommendationFallbacks, "Sum", "fallbacks"),
      ]),
      graph("Recommendation latency p50 / p99 per variant (ms)", region, [
        perVariant(METRICS.recommendationLatency, "p50", "p50"),
        perVariant(METRICS.recommendationLatency, "p99", "p99"),
      ]),
      graph("API requests and errors", region, [api("Count", "Sum"), api("4xx", "Sum"), api("5xx", "Sum")]),
      graph("API latency (ms)", region, [api("Latency", "p50"), api("Latency", "p99")]),
      graph("Function errors", region, perFunction("Errors", "Sum")),
      graph("Function duration p99 (ms)", region, perFunction("Duration", "p99")),
      graph("Function throttles", region, perFunction("Throttles", "Sum")),
    ];

    this.dashboard = new CloudwatchDashboard(this, "dashboard", {
      dashboardName: props.config.namePrefix,
      dashboardBody: JSON.stringify({ widgets: layOut(widgets) }),
    });
  }
}

/**
 * One series per experiment and variant of this environment: the search names the metric's one
 * dimension set from the catalog, so it matches exactly what the functions publish.
 */
export function perVariantSearch(metric: MetricName, environment: string, stat: string): string {
  const schema = [METRICS_NAMESPACE, ...metricDimensionNames(metric)].join(",");
  return `SEARCH('{${schema}} MetricName="${metric}" ${METRIC_DIMENSIONS.environment}="${environment}"', '${stat}', 300)`;
}

interface GraphWidget {
  readonly type: "metric";
  readonly properties: Record<string, unknown>;
}

function graph(title: string, region: string, metrics: readonly MetricRow[]): GraphWidget {
  return {
    type: "metric",
    properties: { title, region, metrics, view: "timeSeries", stacked: false, period: 300 },
  };
}

/** Two widgets per row, each half the dashboard's 24-column width. */
function layOut(widgets: readonly GraphWidget[]) {
  return widgets.map((widget, index) => ({
    ...widget,
    x: (index % 2) * 12,
    y: Math.floor(index / 2) * 6,
    width: 12,
    height: 6,
  }));
}
