export * from "./aws-client-config";
export * from "./config/experiment-config";
export * from "./config/ttl-cache";
export * from "./dynamodb/assignments-repository";
export * from "./dynamodb/document-client";
export * from "./environment";
export * from "./sticky-assignment";
