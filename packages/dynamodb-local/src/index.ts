export * from "./client";
export * from "./start";
export * from "./tables";
