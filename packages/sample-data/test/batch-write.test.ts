import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BatchWriteCommand, DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { mockClient } from "aws-sdk-client-mock";
import { beforeEach, describe, expect, it } from "vitest";
import { batchWriteAll } from "../src/batch-write";

const documentClient = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "us-east-1" }));
const dynamodb = mockClient(documentClient);

const items = Array.from({ length: 30 }, (_, index) => ({ ItemId: `item_${index}`, Price: index }));
const put = (item: Record<string, unknown>) => ({ PutRequest: { Item: item } });

describe("batchWriteAll", () => {
  beforeEach(() => dynamodb.reset());

  it("sends batches of at most 25 puts, in order", async () => {
    dynamodb.on(BatchWriteCommand).resolves({});
    const result = await batchWriteAll(documentClient, "items-table", items, {
      concurrency: 1,
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
      backoff: { minDelayMs: 20, onRetry: (ms) => delays.push(ms) },
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
    // Jittered within [1, 2] times the first delay.
    expect(delays[0]).toBeGreaterThanOrEqual(20);
    expect(delays[0]).toBeLessThanOrEqual(40);
  });

  it("backs off exponentially and fails naming the table when items stay unprocessed", async () => {
    dynamodb.on(BatchWriteCommand).resolves({ UnprocessedItems: { "items-table": [put(items[0]!)] } });
    const delays: number[] = [];
    const attempt = batchWriteAll(documentClient, "items-table", items.slice(0, 2), {
      backoff: { attempts: 4, minDelayMs: 10, maxDelayMs: 30, onRetry: (ms) => delays.push(ms) },
    });
    await expect(attempt).rejects.toThrow(
      "BatchWriteItem to items-table: 1 items still unprocessed after 4 attempts",
    );
    expect(dynamodb.commandCalls(BatchWriteCommand)).toHaveLength(4);
    // Doubling from 10 ms, each jittered within [1, 2] times its step, capped at 30 ms.
    expect(delays).toHaveLength(3);
    [10, 20, 40].forEach((step, index) => {
      expect(delays[index]).toBeGreaterThanOrEqual(Math.min(step, 30));
      expect(delays[index]).toBeLessThanOrEqual(Math.min(2 * step, 30));
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
