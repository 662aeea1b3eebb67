import { integrationTestConfig } from "@personalize-ab/dynamodb-local/vitest-preset";

export default integrationTestConfig();
