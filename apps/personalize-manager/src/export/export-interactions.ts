import { once } from "node:events";
import { PassThrough } from "node:stream";
import type { S3Client } from "@aws-sdk/client-s3";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { Upload } from "@aws-sdk/lib-storage";
import { INTERACTIONS_HEADER, interactionLine } from "./interactions-csv";
import { scanEventPages } from "./scan-events";

export interface ExportOptions {
  readonly dynamo: DynamoDBDocumentClient;
  readonly s3: S3Client;
  readonly tableName: string;
  readonly bucket: string;
  readonly key: string;
  readonly segments: number;
  readonly pageSize?: number;
  /** Only events that happened at or after this time, epoch milliseconds. */
  readonly sinceMs?: number;
}

export interface ExportSummary {
  readonly rowsWritten: number;
  readonly eventsSkipped: number;
  readonly bytes: number;
}

// S3's minimum part size; with one part in flight, the upload holds at most ~10 MB whatever the table size.
const PART_SIZE = 5 * 1024 * 1024;
const PARTS_IN_FLIGHT = 1;

/**
 * Streams the events table into one interactions CSV object: parallel Scan segments write page by
 * page into a stream that a multipart upload consumes, waiting whenever the upload falls behind.
 * Writing the same key again replaces the object, so a rerun is harmless.
 */
export async function exportInteractions(options: ExportOptions): Promise<ExportSummary> {
  const body = new PassThrough();
  const upload = new Upload({
    client: options.s3,
    params: { Bucket: options.bucket, Key: options.key, Body: body, ContentType: "text/csv" },
    partSize: PART_SIZE,
    queueSize: PARTS_IN_FLIGHT,
    leavePartsOnError: false,
  });
  const uploaded = upload.done();
  let rowsWritten = 0;
  let eventsSkipped = 0;
  let bytes = 0;

  const write = async (chunk: string) => {
    bytes += Buffer.byteLength(chunk);
    if (!body.write(chunk)) await once(body, "drain");
  };

  const exportSegment = async (segment: number) => {
    const pages = scanEventPages(options.dynamo, {
      tableName: options.tableName,
      segment,
      totalSegments: options.segments,
      pageSize: options.pageSize,
      sinceMs: options.sinceMs,
    });
    for await (const events of pages) {
      let chunk = "";
      for (const event of events) {
        const line = interactionLine(event);
        if (line === undefined) eventsSkipped++;
        else {
          chunk += line;
          rowsWritten++;
        }
      }
      if (chunk) await write(chunk);
    }
  };

  // A failed upload stops draining the stream; racing it keeps the writers from waiting forever.
  const uploadFailed = new Promise<never>((_, reject) => {
    uploaded.catch(reject);
  });
  const writeAll = async () => {
    await write(INTERACTIONS_HEADER);
    await Promise.all(Array.from({ length: options.segments }, (_, segment) => exportSegment(segment)));
    body.end();
  };
  try {
    await Promise.race([writeAll(), uploadFailed]);
    await uploaded;
  } catch (error) {
    // Abort so no half-written object or orphaned multipart parts are left behind.
    await upload.abort().catch(() => undefined);
    body.destroy();
    await uploaded.catch(() => undefined);
    throw error;
  }
  return { rowsWritten, eventsSkipped, bytes };
}
