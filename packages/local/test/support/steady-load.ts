import { FUNCTIONS, ROUTES } from "@personalize-ab/domain";

/** The client routes a shop calls all day, each with a body for the n-th request of a worker. */
export const CLIENT_CALLS = {
  "/assignments": (userId: string) => ({ user_id: userId }),
  "/recommendations": (userId: string) => ({ user_id: userId, num_results: 5 }),
  "/events": (userId: string) => ({ user_id: userId, event_type: "click", item_id: "item_00001" }),
} as const;

export type ClientPath = keyof typeof CLIENT_CALLS;
export const CLIENT_PATHS = Object.keys(CLIENT_CALLS) as ClientPath[];

/** The time budget the platform declares for a route: its function's timeout. */
export function declaredBudgetMs(path: ClientPath): number {
  const route = ROUTES.find((candidate) => candidate.method === "POST" && candidate.path === path);
  if (!route) throw new Error(`no catalog route POST ${path}`);
  return FUNCTIONS[route.function].timeoutSeconds * 1000;
}

export interface Answer {
  readonly path: ClientPath;
  readonly userId: string;
  /** performance.now() when the request was sent, and how long until its whole answer was read. */
  readonly startedAt: number;
  readonly ms: number;
  /** The HTTP status; "hung" when we stopped waiting, "refused" when no connection was made. */
  readonly status: number | "hung" | "refused";
  readonly retryAfter?: string | null;
  readonly body?: Record<string, unknown>;
}

/** Far past any budget: a request still unanswered by then is one that hangs. */
export const HANG_MS = 60_000;

export async function call(url: string, path: ClientPath, userId: string): Promise<Answer> {
  const startedAt = performance.now();
  const base = { path, userId, startedAt };
  try {
    const response = await fetch(`${url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(CLIENT_CALLS[path](userId)),
      signal: AbortSignal.timeout(HANG_MS),
    });
    const body = (await response.json()) as Record<string, unknown>;
    return {
      ...base,
      ms: performance.now() - startedAt,
      status: response.status,
      retryAfter: response.headers.get("retry-after"),
      body,
    };
  } catch (error) {
    const hung = (error as Error).name === "TimeoutError";
    return { ...base, ms: performance.now() - startedAt, status: hung ? "hung" : "refused" };
  }
}

export interface SteadyLoad {
  readonly answers: Answer[];
  /** Lets every worker finish the request it has in flight, then resolves with every answer. */
  stop(): Promise<Answer[]>;
}

/**
 * `workers` clients, each calling the client routes in turn as fast as it is answered, each
 * request for a user of its own: a steady load with a bounded number of requests in flight.
 * A worker stops by itself once the platform refuses connections (`stopWhenRefused`).
 */
export function steadyLoad(
  url: string,
  options: { readonly workers: number; readonly users: string; readonly stopWhenRefused?: boolean },
): SteadyLoad {
  const answers: Answer[] = [];
  let stopping = false;
  const worker = async (index: number) => {
    for (let n = 0; !stopping; n++) {
      const path = CLIENT_PATHS[n % CLIENT_PATHS.length]!;
      // The same user for the three calls of a round: assigned, served, then an event.
      const userId = `${options.users}-${index}-${Math.floor(n / CLIENT_PATHS.length)}`;
      const answer = await call(url, path, userId);
      answers.push(answer);
      if (answer.status === "refused" && options.stopWhenRefused) return;
    }
  };
  const running = Promise.all(Array.from({ length: options.workers }, (_, index) => worker(index)));
  return {
    answers,
    async stop() {
      stopping = true;
      await running;
      return answers;
    },
  };
}

/** Count, slowest and median duration of answers, for the figures a test prints. */
export function durationFigures(answers: readonly Answer[]) {
  const sorted = answers.map((answer) => answer.ms).sort((a, b) => a - b);
  return {
    count: sorted.length,
    p50: Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0),
    max: Math.round(sorted.at(-1) ?? 0),
  };
}
