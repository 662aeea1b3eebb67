import { integrationTestConfig } from "@personalize-ab/dynamodb-local/vitest-preset";

// The reconcile test reads real tables on DynamoDB Local; the others need none of it.
export default integrationTestConfig();
