/** One shell command of a README code block, as a user would paste it. */
export interface ReadmeCommand {
  /** The README section it is under. */
  readonly section: string;
  /** The command with its comments removed; continuation lines and here-documents included. */
  readonly text: string;
}

const TRAILING_COMMENT = /\s+#\s.*$/;

/**
 * Every command of every `sh` block in a Markdown text. A line ending in `\` continues; a
 * here-document (`<<'END'`) runs to its end marker; `# comments` are dropped.
 */
export function readmeCommands(markdown: string): ReadmeCommand[] {
  const commands: ReadmeCommand[] = [];
  let section = "";
  let inBlock = false;
  let current: string[] = [];
  let heredocEnd: string | undefined;
  for (const line of markdown.split("\n")) {
    if (!inBlock && line.startsWith("## ")) section = line.slice(3).trim();
    if (!inBlock && /^```(sh|bash|shell)\s*$/.test(line)) {
      inBlock = true;
      continue;
    }
    if (!inBlock) continue;
    if (line.startsWith("```") && heredocEnd === undefined) {
      inBlock = false;
      continue;
    }
    if (heredocEnd !== undefined) {
      current.push(line);
      if (line.trim() === heredocEnd) {
        heredocEnd = undefined;
        commands.push({ section, text: current.join("\n") });
        current = [];
      }
      continue;
    }
    const code = line.replace(TRAILING_COMMENT, "").trimEnd();
    if (code.trim() === "" && current.length === 0) continue;
    current.push(code);
    const heredoc = /<<-?'?(\w+)'?/.exec(code);
    if (heredoc) {
      heredocEnd = heredoc[1];
      continue;
    }
    if (code.endsWith("\\")) continue;
    commands.push({ section, text: current.join("\n") });
    current = [];
  }
  return commands;
}
