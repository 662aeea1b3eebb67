import { createHash } from "node:crypto";
import type { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import pRetry from "p-retry";
import { logger } from "../powertools";
import {
  abTransactUnit,
  packTransactions,
  type TransactUnit,
  writeTransaction,
} from "./counter-transactions";
import type { CountingRulesOfTest } from "./experiment-metrics-source";
import { loadInterleavingFacts } from "./interleaving-facts";
import { planInterleavingUnits } from "./interleaving-plan";
import type { CounterStreamRecord } from "./stream-records";
import { planUserUnits } from "./user-counter-plan";
import { type CounterTables, loadUserFacts } from "./user-facts";

export interface CounterConsumerOptions {
  readonly shards: number;
  /** The experiment's metrics and active spans; see countingRulesFromTable. */
  readonly rulesOf: CountingRulesOfTest;
  /** Users whose reads run at once. */
  readonly concurrency?: number;
  /** Attempts of a transaction that a concurrent writer cancelled, each re-reading its users. */
  readonly maxAttempts?: number;
  /** Called before each transaction is written (tests inject a crash here). */
  readonly beforeTransaction?: (index: number) => void | Promise<void>;
}

export interface ApplyReport {
  readonly users: number;
  readonly transactions: number;
  /** Items written by TransactWriteItems (each a DynamoDB write). */
  readonly writes: number;
  /** The batch position of the first record not applied: the batch must be retried from there. */
  readonly failedIndex?: number;
}

/** Deterministic per transaction, spread over the shards: the first record's sequence number and the attempt. */
function shardFor(sequenceNumber: string, attempt: number, shards: number): number {
  return createHash("md5").update(`${sequenceNumber}/${attempt}`).digest().readUInt32BE(0) % shards;
}

interface UserBatch {
  readonly userId: string;
  readonly firstIndex: number;
  readonly records: CounterStreamRecord[];
}

function groupByUser(records: readonly CounterStreamRecord[], positions: readonly number[]): UserBatch[] {
  const users = new Map<string, UserBatch>();
  records.forEach((record, index) => {
    const known = users.get(record.userId);
    if (known) known.records.push(record);
    else
      users.set(record.userId, {
        userId: record.userId,
        firstIndex: positions[index] ?? index,
        records: [record],
      });
  });
  return [...users.values()];
}

/**
 * Applies a batch of stream records to the experiment counters exactly once. Each user's records
 * are folded into their per-experiment state; states and the summed counter deltas are written in
 * transactions with an optimistic version check on every state, so a redelivered batch, a batch
 * half written before a crash, and a race between the assignments and events streams all end
 * with every record counted once.
 */
export class ExperimentCounterConsumer {
  constructor(
    private readonly documents: DynamoDBDocumentClient,
    private readonly tables: CounterTables,
    private readonly options: CounterConsumerOptions,
  ) {}

  /** `positions[i]` is the batch position of `records[i]` (records the counters ignore are left out). */
  async apply(records: readonly CounterStreamRecord[], positions?: readonly number[]): Promise<ApplyReport> {
    const users = groupByUser(records, positions ?? records.map((_, index) => index));
    let failedIndex: number | undefined;
    const fail = (index: number) => {
      failedIndex = failedIndex === undefined ? index : Math.min(failedIndex, index);
    };
    let planned: { user: UserBatch; units: TransactUnit[] }[] = [];
    try {
      planned = await this.plan(users);
    } catch (error) {
      logger.error("could not read what counting the batch needs", { users: users.length, error });
      for (const user of users) fail(user.firstIndex);
    }
    const unitUser = new Map<TransactUnit, UserBatch>();
    for (const { user, units } of planned) for (const unit of units) unitUser.set(unit, user);
    let transactions = 0;
    let writes = 0;
    for (const transaction of packTransactions([...unitUser.keys()])) {
      const batchUsers = [...new Set(transaction.units.map((unit) => unitUser.get(unit)!))];
      if (failedIndex !== undefined) {
        // Stop at the first failure: the retry starts there and recounts nothing already applied.
        for (const user of batchUsers) fail(user.firstIndex);
        continue;
      }
      await this.options.beforeTransaction?.(transactions);
      try {
        const result = await this.writeWithRetries(transaction, batchUsers);
        transactions += result.transactions;
        writes += result.writes;
      } catch (error) {
        logger.error("could not write experiment counters", {
          users: batchUsers.map((u) => u.userId),
          error,
        });
        for (const user of batchUsers) fail(user.firstIndex);
      }
    }
    return { users: users.length, transactions, writes, ...(failedIndex !== undefined && { failedIndex }) };
  }

  private async plan(users: readonly UserBatch[]): Promise<{ user: UserBatch; units: TransactUnit[] }[]> {
    const { documents, tables } = this;
    const { rulesOf, concurrency } = this.options;
    const [facts, interleaving] = await Promise.all([
      loadUserFacts(documents, tables, rulesOf, users, concurrency),
      loadInterleavingFacts(documents, tables, rulesOf, users, concurrency),
    ]);
    return users.map((user) => {
      const known = facts.get(user.userId);
      const interleaved = interleaving.get(user.userId);
      const units = [
        ...(known ? planUserUnits(user.records, known) : []).map((unit) =>
          abTransactUnit(unit, tables.userMetrics),
        ),
        ...(interleaved
          ? planInterleavingUnits(user.userId, user.records, interleaved, tables.userMetrics)
          : []),
      ];
      return { user, units };
    });
  }

  /**
   * A cancelled transaction (a state another invocation moved on, or a concurrent transaction on a
   * counter item) is planned again from fresh reads and retried on another shard.
   */
  private async writeWithRetries(
    transaction: ReturnType<typeof packTransactions>[number],
    users: readonly UserBatch[],
  ): Promise<{ transactions: number; writes: number }> {
    const maxAttempts = this.options.maxAttempts ?? 6;
    const firstSequence = users[0]?.records[0]?.sequenceNumber ?? "0";
    let pending = [transaction];
    let transactions = 0;
    let writes = 0;
    // A concurrent writer cancels the transaction (a version condition fails): the users are read
    // again and what is still unapplied is planned anew, after a backoff with jitter.
    await pRetry(
      async (attempt) => {
        if (attempt > 1) {
          const replanned = await this.plan(users);
          pending = packTransactions(replanned.flatMap(({ units }) => units));
        }
        for (const next of pending) {
          writes += await writeTransaction(
            this.documents,
            this.tables.counters,
            next,
            shardFor(firstSequence, attempt, this.options.shards),
          );
          transactions += 1;
        }
      },
      {
        retries: maxAttempts - 1,
        factor: 2,
        minTimeout: 20,
        maxTimeout: 1000,
        randomize: true,
        shouldRetry: ({ error }) => error.name === "TransactionCanceledException",
        onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
          if (error.name !== "TransactionCanceledException" || retriesLeft === 0) return;
          logger.warn("experiment counter transaction cancelled; retrying", {
            attempt: attemptNumber,
            reasons: (error as { CancellationReasons?: { Code?: string }[] }).CancellationReasons?.map(
              (r) => r.Code,
            ),
          });
        },
      },
    );
    return { transactions, writes };
  }
}
