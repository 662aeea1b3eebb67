export * from "./local-personalize";
