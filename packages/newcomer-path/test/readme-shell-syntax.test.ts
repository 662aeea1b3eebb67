import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { readmeCommands } from "../src/readme-commands";

/** bash's own verdict on a command's syntax (`bash -n` parses without running). */
function syntaxError(command: string): string | null {
  const result = spawnSync("bash", ["-n", "-c", command], { encoding: "utf8" });
  return result.status === 0 ? null : result.stderr.trim();
}

describe("the README's shell commands", () => {
  it("each parses as a whole command, as pasted", () => {
    const readme = readFileSync(join(import.meta.dirname, "../../../README.md"), "utf8");
    const commands = readmeCommands(readme);
    expect(commands.length).toBeGreaterThan(10);
    const broken = commands
      .map((command) => ({ section: command.section, text: command.text, error: syntaxError(command.text) }))
      .filter((command) => command.error !== null);
    expect(broken).toEqual([]);
  });

  it("would catch JSON quoted across lines without a continuation", () => {
    const [command] = readmeCommands("```sh\ncurl -d '{\"a\":\n  1}'\n```\n");
    expect(syntaxError(command!.text)).toMatch(/unexpected EOF/);
  });
});
