export * from "./api-target";
export * from "./cli-error";
export * from "./command-io";
export * from "./interleaving-table";
export * from "./results-table";
export * from "./results-view";
export * from "./run-cli";
export * from "./stack-outputs";
