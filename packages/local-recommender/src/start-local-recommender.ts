import type { FilterName, RecipeName } from "@personalize-ab/domain";
import { generateSampleData, type SampleData } from "@personalize-ab/sample-data";
import { LOCAL_CAMPAIGN_ARNS, LOCAL_FILTER_ARNS, LOCAL_TRACKING_ID } from "./campaigns";
import { type RecommenderServerOptions, startRecommenderServer } from "./http/recommender-server";
import { LocalRecommender } from "./model/local-recommender";
import { trainingOptionsOf } from "./model/training-options";

export interface LocalRecommenderOptions extends RecommenderServerOptions {
  /** The data to train on; the seeded sample data by default. */
  readonly data?: SampleData;
}

export interface RunningLocalRecommender {
  /** The endpoint override for the Personalize runtime and events clients. */
  readonly endpoint: string;
  readonly port: number;
  readonly recommender: LocalRecommender;
  readonly campaignArns: Readonly<Record<RecipeName, string>>;
  readonly filterArns: Readonly<Record<FilterName, string>>;
  readonly trackingId: string;
  readonly trainingMs: number;
  stop(): Promise<void>;
}

/** Trains the three recipes and serves them: one call for a platform that needs Personalize locally. */
export async function startLocalRecommender(
  options: LocalRecommenderOptions = {},
): Promise<RunningLocalRecommender> {
  const { data = generateSampleData(), ...serverOptions } = options;
  const recommender = LocalRecommender.train(data.interactions, trainingOptionsOf(data));
  const trackingId = serverOptions.trackingId ?? LOCAL_TRACKING_ID;
  const server = await startRecommenderServer(recommender, { ...serverOptions, trackingId });
  return {
    endpoint: server.endpoint,
    port: server.port,
    recommender,
    campaignArns: LOCAL_CAMPAIGN_ARNS,
    filterArns: LOCAL_FILTER_ARNS,
    trackingId,
    trainingMs: recommender.trainingMs,
    stop: server.stop,
  };
}
