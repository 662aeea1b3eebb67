export * from "./frame-bad-input";
export * from "./invoke-route";
export * from "./local-personalize";
export * from "./metric-output";
export * from "./network-waits";
export * from "./platform-config-item";
export * from "./random-bodies";
export * from "./user-items";
