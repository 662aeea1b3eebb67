import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { ANSWER_MARGIN_MS, apiGatewayEvent, httpHandler, lambdaContext } from "../src/http";

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

const event = () =>
  apiGatewayEvent({ method: "POST", path: "/assignments", routeKey: "POST /assignments", body: "{}" });

describe("the HTTP frame's deadline", () => {
  it("answers 503 with Retry-After, in the documented shape, when the work outlasts the function's time", async () => {
    const handler = httpHandler(() => new Promise(() => undefined));
    let answered = false;
    const answer = handler(event(), lambdaContext("ab-router", 5000)).finally(() => {
      answered = true;
    });
    await vi.advanceTimersByTimeAsync(5000 - ANSWER_MARGIN_MS - 1);
    expect(answered).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const response = await answer;
    expect(response.statusCode).toBe(503);
    expect(Number(response.headers?.["retry-after"])).toBeGreaterThan(0);
    expect(JSON.parse(response.body ?? "")).toMatchObject({
      error: { code: "service_unavailable", details: [] },
    });
  });

  it("gives an answer in time as it is, and leaves no timer behind", async () => {
    const handler = httpHandler(async () => ({ statusCode: 200, body: "{}" }));
    const response = await handler(event(), lambdaContext("ab-router", 5000));
    expect(response.statusCode).toBe(200);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("counts down from the function's timeout", async () => {
    const context = lambdaContext("experiments", 10_000);
    await vi.advanceTimersByTimeAsync(4000);
    expect(context.getRemainingTimeInMillis()).toBe(6000);
  });
});
