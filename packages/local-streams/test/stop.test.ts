import { describe, expect, it } from "vitest";
import { startStreamRunner } from "../src";
import { eventIdOf, recordingHandler, streamTable } from "./stream-fixture";

/** Node's count of live timers and sockets: what would keep a process from exiting. */
function liveHandles(): { timers: number; sockets: number } {
  const resources = process.getActiveResourcesInfo();
  return {
    timers: resources.filter((name) => name === "Timeout").length,
    sockets: resources.filter((name) => name === "TCPSocketWrap").length,
  };
}

describe("stop()", () => {
  it("lets the invocation in progress finish and leaves no timer or socket behind", async () => {
    const table = await streamTable();
    await table.put(["u1", "e1"]);
    const before = liveHandles();
    let release: () => void = () => undefined;
    const { handler, invocations } = recordingHandler(
      () =>
        new Promise<void>((resolve) => {
          release = resolve;
        }),
    );
    const consumer = await startStreamRunner({
      endpoint: table.endpoint,
      tableName: table.table,
      handler,
      pollIntervalMs: 60_000,
      shardDiscoveryIntervalMs: 60_000,
    });
    await expect.poll(() => invocations.length, { timeout: 30_000 }).toBe(1);
    // While it runs, the count sees its shard-discovery timer. (Not compared with `before`: a timer
    // the table fixture's own request left can end meanwhile, as one fresh-clone run saw.)
    expect(liveHandles().timers).toBeGreaterThan(0);

    const caughtUp = consumer.caughtUp().then(
      () => "caught up",
      (error: Error) => error.message,
    );
    let stopped = false;
    const stopping = consumer.stop().then(() => {
      stopped = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(await caughtUp).toBe("the stream runner was stopped");

    expect(invocations.map((batch) => batch.map(eventIdOf))).toEqual([["e1"]]);
    // A destroyed socket leaves Node's list a few ticks later (later still on a busy machine); a
    // leaked one never does.
    await expect.poll(() => liveHandles().timers, { timeout: 10_000 }).toBeLessThanOrEqual(before.timers);
    await expect.poll(() => liveHandles().sockets, { timeout: 10_000 }).toBeLessThanOrEqual(before.sockets);
  });
});
