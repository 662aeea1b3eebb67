import {
  DescribeTableCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
} from "@aws-sdk/client-dynamodb";
import { describe, expect, it } from "vitest";
import { createTestTables } from "../src/test-tables";

/** A client signing as a shell with its own access key would, against the run's DynamoDB Local. */
function clientWithAccessKey(endpoint: string, accessKeyId: string, region: string): DynamoDBClient {
  return new DynamoDBClient({ endpoint, region, credentials: { accessKeyId, secretAccessKey: "secret" } });
}

describe("DynamoDB Local started with -sharedDb", () => {
  it("shows clients with different access keys and regions the same tables and items", async () => {
    const { endpoint, tables } = await createTestTables();
    const developer = clientWithAccessKey(endpoint, "AKIADEVELOPERSHELL01", "eu-west-1");
    const handlers = clientWithAccessKey(endpoint, "local", "us-east-1");

    await developer.send(
      new PutItemCommand({ TableName: tables.users, Item: { UserId: { S: "written-by-developer" } } }),
    );
    const seen = await handlers.send(
      new GetItemCommand({ TableName: tables.users, Key: { UserId: { S: "written-by-developer" } } }),
    );
    expect(seen.Item?.UserId?.S).toBe("written-by-developer");

    // Tables made under the handlers' key (by the harness) are there for the developer's key too.
    const described = await developer.send(new DescribeTableCommand({ TableName: tables.assignments }));
    expect(described.Table?.TableName).toBe(tables.assignments);
  });
});
