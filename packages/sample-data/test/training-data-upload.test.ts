import { PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { mockClient } from "aws-sdk-client-mock";
import { describe, expect, it } from "vitest";
import { uploadTrainingData } from "../src/training-data-upload";

describe("uploadTrainingData", () => {
  it("puts each dataset CSV under training-data/ as text/csv", async () => {
    const client = new S3Client({ region: "us-east-1" });
    const s3 = mockClient(client);
    s3.on(PutObjectCommand).resolves({});
    const csvs = { users: "USER_ID\nu\n", items: "ITEM_ID\ni\n", interactions: "USER_ID,ITEM_ID\nu,i\n" };
    const keys = await uploadTrainingData(client, "data-bucket", csvs);
    expect(keys).toEqual([
      "training-data/interactions.csv",
      "training-data/items.csv",
      "training-data/users.csv",
    ]);
    const inputs = s3.commandCalls(PutObjectCommand).map((call) => call.args[0].input);
    expect(inputs).toEqual([
      {
        Bucket: "data-bucket",
        Key: "training-data/interactions.csv",
        Body: csvs.interactions,
        ContentType: "text/csv",
      },
      { Bucket: "data-bucket", Key: "training-data/items.csv", Body: csvs.items, ContentType: "text/csv" },
      { Bucket: "data-bucket", Key: "training-data/users.csv", Body: csvs.users, ContentType: "text/csv" },
    ]);
  });

  it("fails when an upload fails", async () => {
    const client = new S3Client({ region: "us-east-1" });
    mockClient(client).on(PutObjectCommand).rejects(new Error("AccessDenied"));
    await expect(uploadTrainingData(client, "b", { users: "", items: "", interactions: "" })).rejects.toThrow(
      "AccessDenied",
    );
  });
});
