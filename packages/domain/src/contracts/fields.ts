import * as z from "zod/mini";

export const TEST_NAME_PATTERN = /^[A-Za-z0-9_.-]{1,128}$/;

// C0 controls (NUL included), DEL and C1 controls: invisible, and in an id they make two ids that
// print alike different users (or end a C string early in some downstream tool).
// Unicode general category Cc is exactly these: U+0000-U+001F, U+007F-U+009F.
const CONTROL_CHARACTER = /\p{Cc}/u;

/**
 * A non-empty, well-formed (no lone surrogates) string of at most `max` characters, free of
 * control characters. One problem per field: the first failing check stops the rest.
 */
export function boundedString(max: number) {
  return z
    .string({ error: (issue) => (issue.input === undefined ? "is required" : "must be a string") })
    .check(
      z.minLength(1, { message: "must not be empty", abort: true }),
      z.maxLength(max, { message: `must be at most ${max} characters`, abort: true }),
      z.refine((value) => value.isWellFormed(), { message: "must be valid Unicode text", abort: true }),
      z.refine((value) => !CONTROL_CHARACTER.test(value), {
        message: "must not contain control characters (NUL, U+0001-U+001F, U+007F-U+009F)",
        abort: true,
      }),
    );
}

// Personalize caps user, item and session ids at 256 characters.
export const userIdField = boundedString(256);
export const itemIdField = boundedString(256);
export const sessionIdField = boundedString(256);

export const testNameField = z
  .string({ error: "must be a string" })
  .check(z.regex(TEST_NAME_PATTERN, "must be 1-128 letters, digits, '_', '.' or '-'"));
