export * from "./api-reference";
export * from "./error-responses";
export * from "./json-schema";
export * from "./openapi-document";
export * from "./route-contracts";
