/** The console's pages, addressed by the URL's fragment so that a static host needs no rewrites. */
export type ConsoleRoute = { readonly page: "list" } | { readonly page: "experiment"; readonly name: string };

export function parseConsoleRoute(hash: string): ConsoleRoute {
  const match = /^#\/experiments\/([^/]+)$/.exec(hash);
  return match ? { page: "experiment", name: decodeURIComponent(match[1]!) } : { page: "list" };
}

export function experimentHref(name: string): string {
  return `#/experiments/${encodeURIComponent(name)}`;
}
