/** Where the console finds its API, written beside the page (`console/config.json`) by whoever hosts it. */
export interface ConsoleConfig {
  /** The API's base URL; empty for the page's own origin (the local platform). */
  readonly api_url: string;
  /** With an identity pool, calls are SigV4-signed with its temporary credentials (AWS). */
  readonly region?: string;
  readonly identity_pool_id?: string;
  /** The role the pool's guests assume: it alone says what they may call. */
  readonly role_arn?: string;
}

export const CONFIG_PATH = "console/config.json";

const SAME_ORIGIN: ConsoleConfig = { api_url: "" };

/** The hosted config, or the page's own origin when there is none (the local platform serves both). */
export async function loadConsoleConfig(): Promise<ConsoleConfig> {
  const response = await fetch(CONFIG_PATH, { headers: { accept: "application/json" } });
  if (!response.ok) return SAME_ORIGIN;
  const config = (await response.json()) as Partial<ConsoleConfig>;
  return { ...SAME_ORIGIN, ...config, api_url: (config.api_url ?? "").replace(/\/+$/, "") };
}
