import { generateSampleData } from "@personalize-ab/sample-data";
import { LocalRecommender } from "../src/model/local-recommender";

/** The recipe-sized sample data and the recommender trained on all of it. */
export const sampleData = generateSampleData();
export const sampleRecommender = LocalRecommender.train(sampleData.interactions, {
  itemIds: sampleData.items.map((item) => item.itemId),
});

export const dummyCredentials = { accessKeyId: "local", secretAccessKey: "local" };
