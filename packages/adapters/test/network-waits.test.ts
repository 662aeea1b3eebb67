import { describe, expect, it } from "vitest";
import { type NetworkCall, NetworkWaitRecorder } from "../src/testing/network-waits";

function recorded(...spans: [number, number][]): NetworkWaitRecorder {
  const recorder = new NetworkWaitRecorder([]);
  recorder.calls.push(
    ...spans.map(([startedAt, endedAt], i): NetworkCall => ({ operation: `op${i}`, startedAt, endedAt })),
  );
  return recorder;
}

describe("NetworkWaitRecorder.sequentialWaits", () => {
  it("counts calls in flight together as one wait", () => {
    expect(recorded([0, 30], [0, 2], [1, 5]).sequentialWaits()).toBe(1);
  });

  it("counts each call that started after another ended as one more wait", () => {
    expect(recorded([0, 2], [2, 30], [30, 33]).sequentialWaits()).toBe(3);
  });

  it("follows the longest chain when parallel branches differ in length", () => {
    // A lookup then Personalize, beside one read; then enrichment beside the exposure write.
    const waits = recorded([0, 2], [0, 3], [3, 30], [31, 35], [31, 34]).sequentialWaits();
    expect(waits).toBe(3);
  });

  it("is 0 when nothing was called", () => {
    expect(recorded().sequentialWaits()).toBe(0);
  });
});
