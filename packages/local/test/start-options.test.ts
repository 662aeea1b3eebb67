import { describe, expect, it } from "vitest";
import { parseStartArgs } from "../src/start-options.mjs";

/** The parsed value, or the one-line error. */
function scheduleEvery(args: readonly string[]) {
  const parsed = parseStartArgs(args);
  return parsed.error ?? parsed.values["schedule-every"];
}

describe("npm start's --schedule-every", () => {
  it("takes whole seconds, 10 by default", () => {
    expect(scheduleEvery([])).toBe(10);
    expect(scheduleEvery(["--schedule-every", "60"])).toBe(60);
  });

  it.each(["0", "2.5", "soon"])("refuses %j in one line naming the option", (value) => {
    expect(scheduleEvery(["--schedule-every", value])).toBe(
      `--schedule-every must be a whole number of seconds, at least 1, got '${value}'`,
    );
  });
});
