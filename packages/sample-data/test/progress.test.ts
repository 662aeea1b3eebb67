import { describe, expect, it } from "vitest";
import { createProgress } from "../src/progress";

function capture(isTTY: boolean) {
  const output: string[] = [];
  return { output, stream: { isTTY, write: (text: string) => output.push(text) } };
}

describe("createProgress", () => {
  it("redraws one bar in place on a terminal and ends the line when finished", () => {
    const { output, stream } = capture(true);
    const progress = createProgress("items", 200, stream);
    progress.update(50);
    progress.finish();
    const drawn = output.filter((text) => text.startsWith("items ["));
    expect(drawn[0]).toBe(`items [${"-".repeat(30)}] 0/200 0%`);
    expect(drawn.at(-1)).toBe(`items [${"=".repeat(30)}] 200/200 100%`);
    // Each redraw returns to the first column of the same line; only the end starts a new one.
    expect(output.filter((text) => text.includes("\n"))).toEqual(["\n"]);
    expect(output.at(-1)).toBe("\n");
  });

  it("prints one plain line per tenth reached elsewhere, 0% through 100%", () => {
    const { output, stream } = capture(false);
    const progress = createProgress("users", 1000, stream);
    for (let done = 25; done <= 1000; done += 25) progress.update(done);
    progress.finish();
    expect(output).toHaveLength(11);
    expect(output[0]).toBe("users: 25/1000 (2%)\n");
    expect(output.at(-1)).toBe("users: 1000/1000 (100%)\n");
  });
});
