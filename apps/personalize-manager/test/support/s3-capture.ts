import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  PutObjectCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";

function toBuffer(body: unknown): Buffer {
  if (typeof body === "string") return Buffer.from(body);
  if (body instanceof Uint8Array) return Buffer.from(body);
  throw new Error(`unexpected body type ${typeof body}`);
}

/**
 * S3 stood in by aws-sdk-client-mock: single PUTs and multipart parts are kept so a test can put
 * the object back together in part order.
 */
export function captureS3Uploads() {
  const s3 = mockClient(S3Client);
  const parts = new Map<number, Buffer>();
  let bytes = 0;
  let putBody: Buffer | undefined;
  s3.on(CreateMultipartUploadCommand).resolves({ UploadId: "upload-1" });
  s3.on(UploadPartCommand).callsFake((input: { PartNumber: number; Body: unknown }) => {
    const body = toBuffer(input.Body);
    bytes += body.length;
    parts.set(input.PartNumber, body);
    return { ETag: `"etag-${input.PartNumber}"` };
  });
  s3.on(CompleteMultipartUploadCommand).resolves({});
  s3.on(AbortMultipartUploadCommand).resolves({});
  s3.on(PutObjectCommand).callsFake((input: { Body: unknown }) => {
    const body = toBuffer(input.Body);
    bytes += body.length;
    putBody = body;
    return { ETag: '"etag"' };
  });
  return {
    mock: s3,
    uploadedBytes: () => bytes,
    object(): string {
      if (putBody) return putBody.toString("utf8");
      const numbers = [...parts.keys()].sort((a, b) => a - b);
      return Buffer.concat(numbers.map((n) => parts.get(n)!)).toString("utf8");
    },
  };
}
