import type { ScheduledEvent } from "aws-lambda";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { startSchedules } from "../src/scheduled-functions";

const EVERY_MS = 10_000;

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

/** A handler whose runs end only when the test says so. */
function heldHandler() {
  const events: ScheduledEvent[] = [];
  const releases: (() => void)[] = [];
  const handler = (event: ScheduledEvent) => {
    events.push(event);
    return new Promise<void>((resolve) => releases.push(resolve));
  };
  return { handler, events, release: () => releases.shift()?.() };
}

describe("the local platform's schedules", () => {
  it("invoke a scheduled function with EventBridge's event every interval", async () => {
    const events: ScheduledEvent[] = [];
    const schedules = startSchedules(
      { eventReplay: async (event) => events.push(event) },
      { everyMs: EVERY_MS },
    );
    await vi.advanceTimersByTimeAsync(EVERY_MS - 1);
    expect(events).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(1);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ "detail-type": "Scheduled Event", source: "aws.events", detail: {} });
    await vi.advanceTimersByTimeAsync(2 * EVERY_MS);
    expect(events).toHaveLength(3);
    await schedules.stop();
  });

  it("never start a run while the previous one is still going", async () => {
    const held = heldHandler();
    const schedules = startSchedules({ eventReplay: held.handler }, { everyMs: EVERY_MS });
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(held.events).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(5 * EVERY_MS);
    expect(held.events).toHaveLength(1);
    held.release();
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    expect(held.events).toHaveLength(2);
    held.release();
    await schedules.stop();
  });

  it("stop after the run in progress, and run no more", async () => {
    const held = heldHandler();
    const schedules = startSchedules({ eventReplay: held.handler }, { everyMs: EVERY_MS });
    await vi.advanceTimersByTimeAsync(EVERY_MS);
    let stopped = false;
    const stopping = schedules.stop().then(() => {
      stopped = true;
    });
    await vi.advanceTimersByTimeAsync(0);
    expect(stopped).toBe(false);
    held.release();
    await stopping;
    await vi.advanceTimersByTimeAsync(10 * EVERY_MS);
    expect(held.events).toHaveLength(1);
  });

  it("run at once on request, after the run in progress", async () => {
    const events: ScheduledEvent[] = [];
    const schedules = startSchedules(
      { eventReplay: async (event) => events.push(event) },
      { everyMs: EVERY_MS },
    );
    await schedules.runNow();
    expect(events).toHaveLength(1);
    await schedules.stop();
  });

  it("report a failed run and keep the schedule", async () => {
    const failures: [string, unknown][] = [];
    let calls = 0;
    const schedules = startSchedules(
      {
        eventReplay: async () => {
          calls++;
          throw new Error("DynamoDB is down");
        },
      },
      { everyMs: EVERY_MS, onError: (app, error) => failures.push([app, error]) },
    );
    await vi.advanceTimersByTimeAsync(2 * EVERY_MS);
    expect(calls).toBe(2);
    expect(failures.map(([app, error]) => [app, (error as Error).message])).toEqual([
      ["event-replay", "DynamoDB is down"],
      ["event-replay", "DynamoDB is down"],
    ]);
    await schedules.stop();
  });
});
