/** One dependency's reachability probe; it must give up when the signal aborts. */
export type HealthCheck = (signal: AbortSignal) => Promise<void>;

/** Thrown by a check that knows why its dependency is down; the message is reported as the problem. */
export class HealthProblem extends Error {}

export interface HealthReport {
  readonly status: "ok" | "unavailable";
  readonly checks: Record<
    string,
    { readonly status: "ok" | "unavailable"; readonly ms: number; readonly problem?: string }
  >;
}

async function probe(check: HealthCheck, timeoutMs: number) {
  const started = performance.now();
  const signal = AbortSignal.timeout(timeoutMs);
  try {
    // The race bounds the wait even for a probe that ignores its signal.
    await Promise.race([
      check(signal),
      new Promise<never>((_, reject) => signal.addEventListener("abort", () => reject(signal.reason))),
    ]);
    return { status: "ok" as const, ms: Math.round(performance.now() - started) };
  } catch (error) {
    const problem =
      error instanceof HealthProblem
        ? error.message
        : signal.aborted
          ? `no answer within ${timeoutMs} ms`
          : "unreachable";
    return { status: "unavailable" as const, ms: Math.round(performance.now() - started), problem };
  }
}

/** Every check run at once, each bounded by `timeoutMs`. */
export async function runHealthChecks(
  checks: Readonly<Record<string, HealthCheck>>,
  timeoutMs: number,
): Promise<HealthReport> {
  const names = Object.keys(checks);
  const results = await Promise.all(names.map((name) => probe(checks[name]!, timeoutMs)));
  const report = Object.fromEntries(names.map((name, i) => [name, results[i]!]));
  return {
    status: results.every((result) => result.status === "ok") ? "ok" : "unavailable",
    checks: report,
  };
}
