import type { Metrics } from "@aws-lambda-powertools/metrics";

/** One EMF document as Powertools writes it to the log: CloudWatch turns it into metrics. */
export interface EmfDocument {
  readonly _aws: {
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

/**
 * Keeps what `metrics` would publish (tests run with metrics disabled, so nothing is printed):
 * each flush's EMF document, so a test can check the dimension sets CloudWatch would see.
 */
export function captureMetricOutput(metrics: Metrics): { documents: EmfDocument[]; restore: () => void } {
  const documents: EmfDocument[] = [];
  const original = metrics.publishStoredMetrics;
  metrics.publishStoredMetrics = function capture(this: Metrics) {
    try {
      if (this.hasStoredMetrics()) documents.push(this.serializeMetrics() as unknown as EmfDocument);
    } finally {
      this.clearMetrics();
      this.clearDimensions();
      this.clearMetadata();
    }
    return this;
  };
  return {
    documents,
    restore: () => {
      metrics.publishStoredMetrics = original;
    },
  };
}
