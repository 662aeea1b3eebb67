export * from "./funnel";
export * from "./ground-truth";
export * from "./ground-truth-table";
export * from "./option-error";
export * from "./simulate";
export * from "./simulation-options";
export * from "./user-plan";
export * from "./variant-rates";
