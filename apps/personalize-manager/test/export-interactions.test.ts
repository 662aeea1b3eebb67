import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { DynamoDBDocumentClient, PutCommand } from "@aws-sdk/lib-dynamodb";
import { csvColumns, ENV } from "@personalize-ab/domain";
import { createTestTables } from "@personalize-ab/dynamodb-local/test-tables";
import { beforeAll, describe, expect, it } from "vitest";
import { run, runFailing, testContext } from "./support/context";
import { expectedLine, generateEvent, loadEvents } from "./support/events";
import { captureS3Uploads } from "./support/s3-capture";

const EVENT_COUNT = 50_000;
const BUCKET = "pab-test-data";

let dynamo: DynamoDBDocumentClient;
let eventsTable: string;

beforeAll(async () => {
  const local = await createTestTables();
  dynamo = DynamoDBDocumentClient.from(local.client);
  eventsTable = local.tables.events;
  await loadEvents(dynamo, eventsTable, EVENT_COUNT);
  // An event without an event type cannot become a row; it is counted, not written.
  await dynamo.send(
    new PutCommand({
      TableName: eventsTable,
      Item: { UserId: "broken", EventId: "e1", ItemId: "item-1", Timestamp: 1_764_072_000_000 },
    }),
  );
}, 300_000);

function context() {
  return testContext({ dynamo, settings: { [ENV.eventsTable]: eventsTable, [ENV.dataBucket]: BUCKET } });
}

describe("export_interactions against DynamoDB Local", () => {
  it("streams 50,000 events into one interactions CSV: schema columns, every interaction once, no exposures", async () => {
    const s3 = captureS3Uploads();
    const body = await run({ action: "export_interactions", run_id: "run-42", segments: 4 }, context());

    const key = "training-data/exports/run-42/interactions.csv";
    const expected = Array.from({ length: EVENT_COUNT }, (_, i) => expectedLine(generateEvent(i))).filter(
      (line): line is string => line !== undefined,
    );
    const [header, ...rows] = s3.object().trimEnd().split("\n");
    expect(header).toBe(csvColumns("interactions").join(","));
    expect(rows.length).toBe(expected.length);
    // Sorted equality: a missing row or a duplicated one would both show.
    expect(rows.sort()).toEqual(expected.sort());
    expect(rows.some((row) => row.includes("recommendation_served"))).toBe(false);
    expect(body).toEqual({
      window_days: 365,
      s3_data_source: `s3://${BUCKET}/${key}`,
      rows_written: expected.length,
      events_skipped: 1,
      bytes: s3.uploadedBytes(),
    });

    // Big enough to go multipart, as a real export does.
    expect(s3.mock.commandCalls(CreateMultipartUploadCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: key,
      ContentType: "text/csv",
      ChecksumAlgorithm: "CRC32",
    });
    expect(s3.mock.commandCalls(UploadPartCommand).length).toBeGreaterThanOrEqual(2);
    const completed = s3.mock.commandCalls(CompleteMultipartUploadCommand)[0]!.args[0].input;
    expect(completed.MultipartUpload?.Parts?.map((part) => part.PartNumber)).toEqual(
      s3.mock.commandCalls(UploadPartCommand).map((_, i) => i + 1),
    );
  }, 120_000);

  it("writes the same object again when run twice (one segment, small pages)", async () => {
    const first = captureS3Uploads();
    const once = await run(
      { action: "export_interactions", run_id: "again", segments: 1, page_size: 5000 },
      context(),
    );
    const firstObject = first.object();
    const second = captureS3Uploads();
    const twice = await run(
      { action: "export_interactions", run_id: "again", segments: 1, page_size: 5000 },
      context(),
    );
    expect(twice).toEqual(once);
    expect(second.object()).toBe(firstObject);
  }, 120_000);

  it("aborts the multipart upload and fails with a stable code when S3 rejects a part", async () => {
    const s3 = captureS3Uploads();
    s3.mock.on(UploadPartCommand).rejects(new Error("SlowDown"));
    const error = await runFailing({ action: "export_interactions", run_id: "broken-upload" }, context());
    expect(error.name).toBe("ManagerInternalError");
    expect(s3.mock.commandCalls(AbortMultipartUploadCommand)[0]!.args[0].input).toEqual({
      Bucket: BUCKET,
      Key: "training-data/exports/broken-upload/interactions.csv",
      UploadId: "upload-1",
    });
    expect(s3.mock.commandCalls(CompleteMultipartUploadCommand)).toHaveLength(0);
  }, 120_000);

  it("names a bad run id", async () => {
    const error = await runFailing({ action: "export_interactions", run_id: "../etc" }, context());
    expect(error).toMatchObject({
      name: "ValidationError",
      message: "run_id: must be 1-80 letters, digits, '_' or '-'",
    });
  });
});
