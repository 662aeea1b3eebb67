import * as z from "zod/mini";

export const TEST_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

/** A non-empty, well-formed (no lone surrogates) string of at most `max` characters. */
export function boundedString(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
    .check(
      z.minLength(1, "must not be empty"),
      z.maxLength(max, `must be at most ${max} characters`),
      z.refine((value) => value.isWellFormed(), "must be valid Unicode text"),
    );
}

// Personalize caps user, item and session ids at 256 characters.
export const userIdField = boundedString(256);
export const itemIdField = boundedString(256);
export const sessionIdField = boundedString(256);

export const testNameField = z
  .string({ error: "must be a string" })
  .check(z.regex(TEST_NAME_PATTERN, "must be 1-128 letters, digits, '_', '.' or '-'"));
