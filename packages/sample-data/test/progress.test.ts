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
    expect(output).toEqual([
      `\ritems [${"#".repeat(8)}${"-".repeat(22)}] 50/200 25%`,
      `\ritems [${"#".repeat(30)}] 200/200 100%`,
      "\n",
    ]);
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
