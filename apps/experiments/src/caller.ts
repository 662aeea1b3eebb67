import type { APIGatewayProxyEventV2 } from "aws-lambda";

/** The caller a local platform write is recorded under: it has no IAM, its gateway is open. */
export const LOCAL_CALLER = "local";

interface IamAuthorizerContext {
  readonly authorizer?: { readonly iam?: { readonly userArn?: string } };
}

/** Who made an admin request: the SigV4 signer's ARN that API Gateway's IAM authorization checked. */
export function callerOf(event: APIGatewayProxyEventV2): string {
  const context = event.requestContext as APIGatewayProxyEventV2["requestContext"] & IamAuthorizerContext;
  return context.authorizer?.iam?.userArn ?? LOCAL_CALLER;
}
