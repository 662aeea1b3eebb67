import type { Page } from "playwright-core";

/**
 * Every console error or warning and every uncaught exception a page reports, from the moment it
 * is watched (a chart library's warning is a chart drawn wrong).
 */
export function watchConsoleProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("console", (message) => {
    const type = message.type();
    if (type === "error" || type === "warning") problems.push(`console.${type}: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught: ${error.message}`));
  return problems;
}

/** The URL of every request a page makes, from the moment it is watched. */
export function watchRequests(page: Page): string[] {
  const urls: string[] = [];
  page.on("request", (request) => urls.push(request.url()));
  return urls;
}
