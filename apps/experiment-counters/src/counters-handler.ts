import { applyStreamBatch, type ExperimentCounterConsumer } from "@personalize-ab/adapters";
import { logger, MetricUnit, metrics } from "@personalize-ab/adapters/powertools";
import { METRICS } from "@personalize-ab/domain";
import type { Context, DynamoDBBatchResponse, DynamoDBStreamEvent } from "aws-lambda";

export type CountersHandler = (
  event: DynamoDBStreamEvent,
  context?: Context,
) => Promise<DynamoDBBatchResponse>;

/**
 * The stream handler around a consumer: a partial batch response names the first record not
 * applied; an error the consumer could not contain fails the whole batch, which Lambda retries.
 */
export function createCountersHandler(consumer: ExperimentCounterConsumer): CountersHandler {
  return async (event, context) => {
    if (context) logger.addContext(context);
    metrics.addMetric(METRICS.counterRecords, MetricUnit.Count, event.Records.length);
    try {
      const { response, report, ignored } = await applyStreamBatch(consumer, event);
      metrics.addMetric(METRICS.counterWrites, MetricUnit.Count, report.writes);
      if (response.batchItemFailures.length > 0) {
        metrics.addMetric(METRICS.counterBatchFailures, MetricUnit.Count, 1);
        logger.warn("experiment counters applied part of a batch", { ...report, ignored });
      } else {
        logger.debug("experiment counters applied a batch", { ...report, ignored });
      }
      return response;
    } finally {
      metrics.publishStoredMetrics();
    }
  };
}
