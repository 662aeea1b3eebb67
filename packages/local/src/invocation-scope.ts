import { AsyncLocalStorage } from "node:async_hooks";
import { InvokeStoreBase } from "@aws/lambda-invoke-store";
import type { Context } from "aws-lambda";

/**
 * The Lambda runtime's variable for an execution environment that runs invocations concurrently.
 * Powertools keeps its metrics, dimensions and log keys per invocation only when it is set and the
 * runtime's InvokeStore (`globalThis.awslambda.InvokeStore`) holds a context for the invocation.
 */
const MAX_CONCURRENCY_ENV = "AWS_LAMBDA_MAX_CONCURRENCY";
/** Only read as "set": Powertools does not limit anything by it. */
const LOCAL_CONCURRENCY = "64";

type InvocationContext = Record<string | symbol, unknown>;

/** The runtime's store for concurrent environments: one context per invocation, carried across awaits. */
class ConcurrentInvokeStore extends InvokeStoreBase {
  readonly #contexts = new AsyncLocalStorage<InvocationContext>();

  getContext(): InvocationContext | undefined {
    return this.#contexts.getStore();
  }

  hasContext(): boolean {
    return this.#contexts.getStore() !== undefined;
  }

  get<T = unknown>(key: string | symbol): T | undefined {
    return this.#contexts.getStore()?.[key] as T | undefined;
  }

  set<T = unknown>(key: string | symbol, value: T): void {
    if (this.isProtectedKey(key)) throw new Error(`the Lambda context field ${String(key)} is read-only`);
    const context = this.#contexts.getStore();
    if (!context) throw new Error("no invocation context to set a value in");
    context[key] = value;
  }

  run<T>(context: InvocationContext, fn: () => T): T {
    return this.#contexts.run(context, fn);
  }
}

const store = new ConcurrentInvokeStore();

/**
 * Makes this process a concurrent Lambda environment for Powertools. The local platform runs every
 * function in one process and their invocations at the same time; without a context per
 * invocation they share one Powertools store, so one request's Experiment and Variant dimensions
 * overwrite another's ("Dimension … has already been added") and its metrics are flushed under
 * the other's dimension set. Our store replaces whatever is installed: the AWS SDK asks the
 * library for one on its first call, and gets a single-context store while the variable is unset.
 */
export function enableInvocationScopes(): void {
  globalThis.awslambda.InvokeStore = store;
  process.env[MAX_CONCURRENCY_ENV] = LOCAL_CONCURRENCY;
}

/** The handler, each of whose invocations runs in its own invocation context, as on Lambda. */
export function invocationScoped<E, R extends Promise<unknown>>(
  handler: (event: E, context: Context) => R,
): (event: E, context: Context) => R {
  return (event, context) =>
    store.run({ [InvokeStoreBase.PROTECTED_KEYS.REQUEST_ID]: context.awsRequestId }, () =>
      handler(event, context),
    );
}
