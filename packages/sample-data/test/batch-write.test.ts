import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { batchWriteAll } from "../src/batch-write";

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
const dynamodb = mockClient(documentClient);
const noWait = async () => {};

const items = Array.from({ length: 30 }, (_, index) => ({ ItemId: `item_${index}`, Price: index }));
const put = (item: Record<string, unknown>) => ({ PutRequest: { Item: item } });

describe("batchWriteAll", () => {
  beforeEach(() => dynamodb.reset());

  it("sends batches of at most 25 puts, in order", async () => {
    dynamodb.on(BatchWriteCommand).resolves({});
    const result = await batchWriteAll(documentClient, "items-table", items, {
      concurrency: 1,
      sleep: noWait,
    });
    expect(result).toEqual({ written: 30, retries: 0 });
    const inputs = dynamodb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { RequestItems: { "items-table": items.slice(0, 25).map(put) } },
      { RequestItems: { "items-table": items.slice(25).map(put) } },
    ]);
  });

  it("sends back exactly the unprocessed items, after a backoff", async () => {
    const unprocessed = [put(items[3]!), put(items[7]!)];
    dynamodb
      .on(BatchWriteCommand)
      .resolvesOnce({ UnprocessedItems: { "items-table": unprocessed } })
      .resolves({});
    const delays: number[] = [];
    const progress: number[] = [];
    const result = await batchWriteAll(documentClient, "items-table", items.slice(0, 10), {
      baseDelayMs: 100,
      sleep: async (ms) => {
        delays.push(ms);
      },
      onProgress: (written) => progress.push(written),
    });
    expect(result).toEqual({ written: 10, retries: 1 });
    const inputs = dynamodb.commandCalls(BatchWriteCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      { RequestItems: { "items-table": items.slice(0, 10).map(put) } },
      { RequestItems: { "items-table": unprocessed } },
    ]);
    expect(progress).toEqual([8, 10]);
    expect(delays).toHaveLength(1);
    expect(delays[0]).toBeGreaterThanOrEqual(50);
    expect(delays[0]).toBeLessThanOrEqual(100);
  });

  it("backs off exponentially and fails naming the table when items stay unprocessed", async () => {
    dynamodb.on(BatchWriteCommand).resolves({ UnprocessedItems: { "items-table": [put(items[0]!)] } });
    const delays: number[] = [];
    const attempt = batchWriteAll(documentClient, "items-table", items.slice(0, 2), {
      maxAttempts: 4,
      baseDelayMs: 100,
      maxDelayMs: 300,
      sleep: async (ms) => {
        delays.push(ms);
      },
    });
    await expect(attempt).rejects.toThrow(
      "BatchWriteItem to items-table: 1 items still unprocessed after 4 attempts",
    );
    expect(dynamodb.commandCalls(BatchWriteCommand)).toHaveLength(4);
    // Ceilings 100, 200, 300 (capped): each delay lies in [ceiling/2, ceiling].
    expect(delays).toHaveLength(3);
    [100, 200, 300].forEach((ceiling, index) => {
      expect(delays[index]).toBeGreaterThanOrEqual(ceiling / 2);
      expect(delays[index]).toBeLessThanOrEqual(ceiling);
    });
  });

  it("keeps at most `concurrency` batches in flight", async () => {
    let inFlight = 0;
    let peak = 0;
    dynamodb.on(BatchWriteCommand).callsFake(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return {};
    });
    const many = Array.from({ length: 250 }, (_, index) => ({ ItemId: `item_${index}` }));
    const result = await batchWriteAll(documentClient, "items-table", many, { concurrency: 3 });
    expect(result.written).toBe(250);
    expect(dynamodb.commandCalls(BatchWriteCommand)).toHaveLength(10);
    expect(peak).toBe(3);
  });
});
