import type { HttpHandler } from "@personalize-ab/adapters/http";
import {
  FUNCTIONS,
  type FunctionKey,
  ROUTES,
  SCHEDULED_FUNCTIONS,
  type ScheduledFunctionKey,
  STREAM_FUNCTIONS,
  type StreamFunctionKey,
} from "@personalize-ab/domain";
import type { StreamHandler } from "@personalize-ab/local-streams";
import { enableInvocationScopes, invocationScoped } from "./invocation-scope";
import type { ScheduledHandler } from "./scheduled-functions";

// Every loader gives the handlers with each invocation in its own Powertools scope: the local
// platform runs them all at once in this one process (see invocation-scope.ts).

/**
 * The real handler of every routed function, imported from its app package as named in the
 * catalog. Handlers read their configuration at import, so the environment must be set first.
 */
export async function loadHandlers(): Promise<Record<FunctionKey, HttpHandler>> {
  enableInvocationScopes();
  const routed = [...new Set(ROUTES.map((route) => route.function))];
  const entries = await Promise.all(
    routed.map(async (key) => {
      const module = (await import(`@personalize-ab/${FUNCTIONS[key].app}`)) as { handler: HttpHandler };
      return [key, invocationScoped(module.handler)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<FunctionKey, HttpHandler>;
}

/** The real handler of every catalog stream function, imported from its app package. */
export async function loadStreamHandlers(): Promise<Record<StreamFunctionKey, StreamHandler>> {
  enableInvocationScopes();
  const entries = await Promise.all(
    (Object.keys(STREAM_FUNCTIONS) as StreamFunctionKey[]).map(async (key) => {
      const module = (await import(`@personalize-ab/${STREAM_FUNCTIONS[key].app}`)) as {
        handler: StreamHandler;
      };
      return [key, invocationScoped(module.handler)] as const;
    }),
  );
  return Object.fromEntries(entries) as Record<StreamFunctionKey, StreamHandler>;
}

/** The real handlers of the given scheduled functions, imported from their app packages. */
export async function loadScheduledHandlers(
  keys: readonly ScheduledFunctionKey[],
): Promise<Partial<Record<ScheduledFunctionKey, ScheduledHandler>>> {
  enableInvocationScopes();
  const entries = await Promise.all(
    keys.map(async (key) => {
      const module = (await import(`@personalize-ab/${SCHEDULED_FUNCTIONS[key].app}`)) as {
        handler: ScheduledHandler;
      };
      return [key, invocationScoped(module.handler)] as const;
    }),
  );
  return Object.fromEntries(entries);
}
