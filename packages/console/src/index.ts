export type { AnyResults } from "./app/any-results";
export * from "./build/console-bundle";
export * from "./report/report-html";
export * from "./serve/console-page";
export * from "./serve/console-routes";
