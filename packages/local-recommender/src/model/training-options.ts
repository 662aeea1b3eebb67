import { itemDatasetRow, type SampleData } from "@personalize-ab/sample-data";
import type { TrainingOptions } from "./local-recommender";

/** The whole catalog, with each item's dataset row, so that filters and coverage see every item. */
export function trainingOptionsOf(data: Pick<SampleData, "items">): TrainingOptions {
  return {
    itemIds: data.items.map((item) => item.itemId),
    itemFields: data.items.map((item) => [item.itemId, itemDatasetRow(item)] as const),
  };
}
