export * from "./api-gateway-event";
export * from "./authorize-user";
export * from "./dependency-unavailable";
export * from "./errors";
export * from "./http-handler";
export * from "./parse-body";
export * from "./responses";
export * from "./route-not-found";
