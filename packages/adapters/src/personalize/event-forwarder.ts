import {
  PersonalizeEventsClient,
  PutEventsCommand,
  type PutEventsCommandInput,
} from "@aws-sdk/client-personalize-events";
import { ENV } from "@personalize-ab/domain";
import { createAwsClient } from "../clients/aws-client";
import { CLIENT_BUDGETS } from "../clients/client-budgets";
import type { TrackedEvent } from "../dynamodb/event-records";
import { personalizeTimeoutMs } from "./time-budget";

/** PERSONALIZE_EVENTS_ENDPOINT points it at a local stand-in. */
export function createPersonalizeEventsClient(env: NodeJS.ProcessEnv = process.env): PersonalizeEventsClient {
  // The time budget (PERSONALIZE_TIMEOUT_MS) is also how long one attempt may go unanswered.
  const budget = { ...CLIENT_BUDGETS.personalizeEvents, requestTimeoutMs: personalizeTimeoutMs(env) };
  return createAwsClient(PersonalizeEventsClient, budget, {
    endpointVar: ENV.personalizeEventsEndpoint,
    env,
  });
}

/** PutEvents for one stored event, field by field as Personalize's event tracker takes it. */
export function putEventsInput(trackingId: string, event: TrackedEvent): PutEventsCommandInput {
  return {
    trackingId,
    userId: event.userId,
    sessionId: event.sessionId,
    eventList: [
      {
        eventId: event.eventId,
        eventType: event.eventType,
        sentAt: new Date(event.timestampMs),
        ...(event.itemId !== undefined && { itemId: event.itemId }),
        ...(event.recommendationId !== undefined && { recommendationId: event.recommendationId }),
        ...(event.properties !== undefined && { properties: event.properties }),
        ...(event.eventValue !== undefined && { eventValue: event.eventValue }),
      },
    ],
  };
}

/** Sends stored events to a Personalize event tracker, so models learn from them in real time. */
export class EventForwarder {
  constructor(private readonly client: PersonalizeEventsClient) {}

  async forward(trackingId: string, event: TrackedEvent, signal?: AbortSignal): Promise<void> {
    await this.client.send(new PutEventsCommand(putEventsInput(trackingId, event)), {
      ...(signal && { abortSignal: signal }),
    });
  }
}
