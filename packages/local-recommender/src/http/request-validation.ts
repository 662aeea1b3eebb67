import type { z } from "zod";
import { invalidInput } from "./personalize-error";

/** Parses a request body with a schema; a mismatch becomes InvalidInputException naming each field. */
export function parseRequest<T>(schema: z.ZodType<T>, body: unknown): T {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const problems = result.error.issues.map(
    (issue) => `${issue.path.length > 0 ? issue.path.join(".") : "body"}: ${issue.message}`,
  );
  const count = problems.length;
  throw invalidInput(`${count} validation error${count === 1 ? "" : "s"} detected: ${problems.join("; ")}`);
}
