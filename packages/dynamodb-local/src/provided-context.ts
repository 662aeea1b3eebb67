// What the global setup hands every test file through Vitest's provide/inject.
declare module "vitest" {
  export interface ProvidedContext {
    dynamodbEndpoint: string;
  }
}

export {};
