import { integrationTestConfig } from "@personalize-ab/dynamodb-local/vitest-preset";

export default integrationTestConfig({ test: { env: { POWERTOOLS_LOG_LEVEL: "SILENT" } } });
