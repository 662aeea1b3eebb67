import { setTimeout as delay } from "node:timers/promises";
import type { EventRequest, RecommendationResponse } from "@personalize-ab/domain";

const ATTEMPTS = 4;

/** The platform answered something the simulation cannot go on from. */
export class PlatformRequestError extends Error {
  override readonly name = "PlatformRequestError";
}

/**
 * Posts JSON and retries what may be transient (network errors, 429, 5xx). Both calls are safe
 * to repeat: an assignment is sticky and an event id is stored once, so the ground truth holds.
 */
async function postJson(url: string, body: unknown, expected: number): Promise<unknown> {
  let lastProblem = "";
  for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      const text = await response.text();
      if (response.status === expected) return JSON.parse(text);
      lastProblem = `${response.status} ${text.slice(0, 300)}`;
      if (response.status !== 429 && response.status < 500) break;
    } catch (error) {
      lastProblem = String(error);
    }
    if (attempt < ATTEMPTS) await delay(100 * 2 ** attempt);
  }
  throw new PlatformRequestError(`POST ${url} failed: ${lastProblem}`);
}

export class PlatformClient {
  constructor(private readonly baseUrl: string) {}

  recommendations(body: {
    user_id: string;
    test_name: string;
    num_results: number;
  }): Promise<RecommendationResponse> {
    return postJson(`${this.baseUrl}/recommendations`, body, 200) as Promise<RecommendationResponse>;
  }

  async event(body: EventRequest): Promise<void> {
    await postJson(`${this.baseUrl}/events`, body, 202);
  }
}
