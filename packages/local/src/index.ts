export * from "./gateway/http-gateway";
export * from "./gateway/route-matcher";
export * from "./handlers";
export * from "./local-experiment-config";
export * from "./platform";
export * from "./quiet-environment";
export * from "./recent-history";
