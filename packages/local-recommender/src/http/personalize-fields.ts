import { z } from "zod";

/** An id or ARN field as Personalize bounds them: a non-empty string of at most `max` characters. */
export const personalizeId = (max: number) =>
  z
    .string({ error: "must be a string" })
    .min(1, "must not be empty")
    .max(max, `must be at most ${max} characters`);
