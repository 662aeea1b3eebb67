/**
 * An error as Personalize answers it: the HTTP status, the `x-amzn-errortype` header from which
 * the AWS SDK picks the exception class, and a JSON body with the message.
 */
export class PersonalizeError extends Error {
  constructor(
    readonly type: "InvalidInputException" | "ResourceNotFoundException" | "UnknownOperationException",
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = type;
  }
}

export const invalidInput = (message: string) => new PersonalizeError("InvalidInputException", 400, message);

export const resourceNotFound = (message: string) =>
  new PersonalizeError("ResourceNotFoundException", 404, message);
