import { createServer, type Socket } from "node:net";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { ENV } from "@personalize-ab/domain";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsClientOptions } from "../src/clients/aws-client";
import { CLIENT_BUDGETS } from "../src/clients/client-budgets";
import { createDocumentClient, dynamodbBudget } from "../src/dynamodb/document-client";

// A server that accepts connections and never answers: what a stopped DynamoDB looks like.
const sockets: Socket[] = [];
const silent = createServer((socket) => sockets.push(socket));
let endpoint: string;

beforeAll(async () => {
  await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
  const address = silent.address();
  endpoint = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
});
afterAll(async () => {
  for (const socket of sockets) socket.destroy();
  await new Promise((resolve) => silent.close(resolve));
});

describe("client budgets", () => {
  it("gives every client its region, retries and, locally, endpoint and dummy credentials", () => {
    const options = awsClientOptions(ENV.dynamodbEndpoint, CLIENT_BUDGETS.dynamodb, {
      [ENV.dynamodbEndpoint]: "http://127.0.0.1:1",
      AWS_REGION: "eu-west-1",
    });
    expect(options).toMatchObject({
      region: "eu-west-1",
      maxAttempts: 2,
      endpoint: "http://127.0.0.1:1",
      credentials: { accessKeyId: "local", secretAccessKey: "local" },
    });
    expect(awsClientOptions(undefined, CLIENT_BUDGETS.s3, {})).not.toHaveProperty("endpoint");
  });

  it("takes DYNAMODB_TIMEOUT_MS as the request timeout", () => {
    expect(dynamodbBudget({ [ENV.dynamodbTimeoutMs]: "300" })).toEqual({
      connectionTimeoutMs: 150,
      requestTimeoutMs: 300,
      maxAttempts: 2,
    });
  });

  it("gives up on a DynamoDB that never answers after its attempts, instead of waiting on", async () => {
    const documents = createDocumentClient({
      [ENV.dynamodbEndpoint]: endpoint,
      [ENV.dynamodbTimeoutMs]: "300",
    });
    const call = documents.send(new GetCommand({ TableName: "any", Key: { UserId: "u" } }));
    await expect(call).rejects.toMatchObject({ name: "TimeoutError", $metadata: { attempts: 2 } });
  });
});
