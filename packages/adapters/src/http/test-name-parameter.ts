import { TEST_NAME_PATTERN } from "@personalize-ab/domain";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { invalidRequest } from "./errors";

/** The `{test_name}` path parameter, checked as every experiment name is. */
export function requireTestName(event: APIGatewayProxyEventV2): string {
  const testName = event.pathParameters?.test_name;
  if (testName === undefined || !TEST_NAME_PATTERN.test(testName)) {
    throw invalidRequest([{ field: "test_name", problem: "must be 1-128 letters, digits, '_', '.' or '-'" }]);
  }
  return testName;
}
