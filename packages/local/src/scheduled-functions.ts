import { randomUUID } from "node:crypto";
import { lambdaContext } from "@personalize-ab/adapters/http";
import { SCHEDULED_FUNCTIONS, type ScheduledFunctionKey } from "@personalize-ab/domain";
import type { Context, ScheduledEvent } from "aws-lambda";

export type ScheduledHandler = (event: ScheduledEvent, context: Context) => Promise<unknown>;

/** How often the local platform runs its scheduled functions unless told otherwise. */
export const DEFAULT_LOCAL_SCHEDULE_MS = 10_000;

export interface RunningSchedules {
  /** Waits for a run in progress, then runs every function once more: for tests and commands. */
  runNow(): Promise<void>;
  /** No further runs; resolves once a run in progress has finished. */
  stop(): Promise<void>;
}

/** What EventBridge hands a function its rule invokes. */
function scheduledEvent(app: string): ScheduledEvent {
  return {
    version: "0",
    id: randomUUID(),
    "detail-type": "Scheduled Event",
    source: "aws.events",
    account: "000000000000",
    time: new Date().toISOString(),
    region: "us-east-1",
    resources: [`arn:aws:events:us-east-1:000000000000:rule/local-${app}`],
    detail: {},
  };
}

/** A failed run is what the function's errors alarm would page about: one line on stderr. */
const reportFailedRun = (app: string, error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(
    `${JSON.stringify({ level: "ERROR", message: "scheduled run failed", app, error: message })}\n`,
  );
};

/**
 * Runs scheduled functions of the catalog with their real handlers every `everyMs`, in place of
 * their EventBridge rules (whose rates are for AWS; locally a short one shows the effect). Runs
 * never overlap, as reserved concurrency 1 keeps them from doing on AWS: the next run is scheduled
 * when the previous one ends.
 */
export function startSchedules(
  handlers: Partial<Record<ScheduledFunctionKey, ScheduledHandler>>,
  options: { readonly everyMs?: number; readonly onError?: (app: string, error: unknown) => void } = {},
): RunningSchedules {
  const everyMs = options.everyMs ?? DEFAULT_LOCAL_SCHEDULE_MS;
  const onError = options.onError ?? reportFailedRun;
  const entries = Object.entries(handlers) as [ScheduledFunctionKey, ScheduledHandler][];
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();

  const runAll = async () => {
    for (const [key, handler] of entries) {
      const { app } = SCHEDULED_FUNCTIONS[key];
      try {
        await handler(scheduledEvent(app), lambdaContext(app));
      } catch (error) {
        onError(app, error);
      }
    }
  };
  // Every run is chained after the one before, whoever starts it, so two never overlap.
  const run = () => {
    clearTimeout(timer);
    running = running.then(runAll).finally(schedule);
    return running;
  };
  const schedule = () => {
    clearTimeout(timer);
    if (stopped) return;
    timer = setTimeout(run, everyMs);
    // The schedule alone never keeps the process alive.
    timer.unref();
  };
  schedule();
  return {
    runNow: run,
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
