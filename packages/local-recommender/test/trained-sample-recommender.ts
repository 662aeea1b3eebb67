import { PersonalizeRuntimeClient } from "@aws-sdk/client-personalize-runtime";
import { generateSampleData } from "@personalize-ab/sample-data";
import { LocalRecommender } from "../src/model/local-recommender";
import { trainingOptionsOf } from "../src/model/training-options";

/** The recipe-sized sample data and the recommender trained on all of it. */
export const sampleData = generateSampleData();
export const sampleRecommender = LocalRecommender.train(
  sampleData.interactions,
  trainingOptionsOf(sampleData),
);

export const dummyCredentials = { accessKeyId: "local", secretAccessKey: "local" };

/** The real runtime client against a local server, failing at once rather than retrying. */
export const runtimeClientFor = (endpoint: string) =>
  new PersonalizeRuntimeClient({
    endpoint,
    region: "us-east-1",
    credentials: dummyCredentials,
    maxAttempts: 1,
  });
