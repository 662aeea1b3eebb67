import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";

export interface WriteCounter {
  /** DynamoDB item writes sent so far: each Put/Update/Delete, each item of a transaction or batch write. */
  readonly writes: number;
  readonly transactions: number;
}

function writesOf(input: Record<string, unknown>): number {
  if (Array.isArray(input.TransactItems)) return input.TransactItems.length;
  if (input.RequestItems) {
    // BatchWriteItem lists requests per table; BatchGetItem gives each table an object of keys.
    const requests = Object.values(input.RequestItems as Record<string, unknown>);
    return requests.reduce((sum: number, list) => sum + (Array.isArray(list) ? list.length : 0), 0);
  }
  return "Item" in input || "UpdateExpression" in input ? 1 : 0;
}

/** Counts the writes a client sends, by a middleware on its stack (reads are not counted). */
export function countWrites(documents: DynamoDBDocumentClient): WriteCounter {
  const counter = { writes: 0, transactions: 0 };
  documents.middlewareStack.add(
    (next) => async (args) => {
      // Counted when sent: a cancelled transaction costs its writes too.
      const input = args.input as Record<string, unknown>;
      counter.writes += writesOf(input);
      if (Array.isArray(input.TransactItems)) counter.transactions += 1;
      return next(args);
    },
    { step: "initialize", name: "countWrites" },
  );
  return counter;
}
