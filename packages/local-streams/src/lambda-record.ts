import type { _Record, AttributeValue as StreamAttributeValue } from "@aws-sdk/client-dynamodb-streams";
import type { AttributeValue, DynamoDBRecord, StreamRecord } from "aws-lambda";

type Image = Record<string, StreamAttributeValue>;

/** Binary attributes arrive from the SDK as bytes; Lambda's JSON event carries them base64-encoded. */
function lambdaAttribute(value: StreamAttributeValue): AttributeValue {
  if (value.B !== undefined) return { B: Buffer.from(value.B).toString("base64") };
  if (value.BS !== undefined) return { BS: value.BS.map((bytes) => Buffer.from(bytes).toString("base64")) };
  if (value.L !== undefined) return { L: value.L.map(lambdaAttribute) };
  if (value.M !== undefined) return { M: lambdaImage(value.M) };
  return value as AttributeValue;
}

function lambdaImage(image: Image): Record<string, AttributeValue> {
  return Object.fromEntries(Object.entries(image).map(([name, value]) => [name, lambdaAttribute(value)]));
}

/**
 * One stream record as Lambda's event source mapping hands it to a function: the record GetRecords
 * returned, with the creation time in epoch seconds, binaries in base64, the table's region (DynamoDB
 * Local answers with a placeholder) and the stream's ARN as the event source.
 */
export function lambdaRecord(record: _Record, streamArn: string, region: string): DynamoDBRecord {
  const source = record.dynamodb ?? {};
  const dynamodb: StreamRecord = {
    ...(source.ApproximateCreationDateTime && {
      ApproximateCreationDateTime: Math.floor(source.ApproximateCreationDateTime.getTime() / 1000),
    }),
    ...(source.Keys && { Keys: lambdaImage(source.Keys) }),
    ...(source.NewImage && { NewImage: lambdaImage(source.NewImage) }),
    ...(source.OldImage && { OldImage: lambdaImage(source.OldImage) }),
    ...(source.SequenceNumber && { SequenceNumber: source.SequenceNumber }),
    ...(source.SizeBytes !== undefined && { SizeBytes: source.SizeBytes }),
    ...(source.StreamViewType && { StreamViewType: source.StreamViewType }),
  };
  return {
    ...(record.eventID && { eventID: record.eventID }),
    ...(record.eventName && { eventName: record.eventName }),
    ...(record.eventVersion && { eventVersion: record.eventVersion }),
    eventSource: "aws:dynamodb",
    awsRegion: region,
    dynamodb,
    eventSourceARN: streamArn,
    // TTL deletions name the DynamoDB service as their author.
    ...(record.userIdentity && {
      userIdentity: { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId },
    }),
  };
}
