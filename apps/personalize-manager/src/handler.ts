import { logger } from "@personalize-ab/adapters/powertools";
import type { Context } from "aws-lambda";
import { createManagerContext } from "./context";
import { dispatch, type ManagerResponse } from "./dispatch";

// Clients are created once per container and reused across invocations.
const managerContext = createManagerContext(process.env);

export async function handler(event: unknown, context: Context): Promise<ManagerResponse> {
  logger.addContext(context);
  return dispatch(event, managerContext, context.awsRequestId);
}
