import { z } from "zod";

/** Payload fields the actions share, with the constraints Personalize puts on them. */
export const personalizeArn = z
  .string({ error: "must be a Personalize ARN" })
  .max(256, "must be at most 256 characters")
  .regex(/^arn:aws[a-z-]*:personalize:[a-z0-9-]*:\d{0,12}:.+$/, "must be a Personalize ARN");

export const roleArn = z
  .string({ error: "must be an IAM role ARN" })
  .regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]{1,512}$/, "must be an IAM role ARN");

export const resourceName = z
  .string({ error: "must be a string" })
  .regex(
    /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,62}$/,
    "must be 1-63 letters, digits, '_' or '-', starting with a letter or digit",
  );

export const s3Uri = z
  .string({ error: "must be an s3:// URI" })
  .regex(/^s3:\/\/[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]\/.+$/, "must be an s3://bucket/key URI");

export const minProvisionedTps = z
  .number({ error: "must be a number" })
  .int("must be an integer")
  .min(1, "must be at least 1")
  .max(500, "must be at most 500");
