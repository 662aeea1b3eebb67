export * from "./api-gateway-event";
export * from "./errors";
export * from "./http-handler";
export * from "./parse-body";
export * from "./responses";
