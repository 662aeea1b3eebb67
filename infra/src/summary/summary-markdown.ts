import { diffResources } from "./resource-diff";
import type { ResourcesByAddress, SynthesizedOutput } from "./synth-output";

const MAX_VALUE_LENGTH = 80;

/**
 * Markdown fit for a pull request comment: per stack, its resources by type and, given a base
 * output, the added, removed and changed addresses with the changed attributes.
 */
export function summaryMarkdown(head: SynthesizedOutput, base?: SynthesizedOutput): string {
  const lines: string[] = ["# Infrastructure summary", ""];
  const names = [...new Set([...head.stacks.keys(), ...(base?.stacks.keys() ?? [])])].sort();
  for (const name of names) {
    const resources = head.stacks.get(name);
    lines.push(`## Stack \`${name}\``, "");
    if (!resources) {
      lines.push("Removed: this stack is no longer synthesized.", "");
      continue;
    }
    lines.push(...resourcesByType(resources));
    if (base) lines.push(...changesAgainst(base.stacks.get(name) ?? new Map(), resources));
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function resourcesByType(resources: ResourcesByAddress): string[] {
  const counts = new Map<string, number>();
  for (const { type } of resources.values()) counts.set(type, (counts.get(type) ?? 0) + 1);
  const rows = [...counts]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([type, n]) => `| \`${type}\` | ${n} |`);
  return [
    `${resources.size} resources and data sources.`,
    "",
    "| type | count |",
    "| --- | ---: |",
    ...rows,
    "",
  ];
}

function changesAgainst(base: ResourcesByAddress, head: ResourcesByAddress): string[] {
  const diff = diffResources(base, head);
  const lines = [
    `### Against the base: ${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed`,
    "",
  ];
  if (diff.added.length + diff.removed.length + diff.changed.length === 0)
    return [...lines, "No changes.", ""];
  for (const [title, addresses] of [
    ["Added", diff.added],
    ["Removed", diff.removed],
  ] as const) {
    if (addresses.length > 0) lines.push(`**${title}**`, "", ...addresses.map((a) => `- \`${a}\``), "");
  }
  if (diff.changed.length > 0) {
    lines.push("**Changed**", "", "| resource | attribute | before | after |", "| --- | --- | --- | --- |");
    for (const { address, changes } of diff.changed) {
      for (const change of changes) {
        lines.push(
          `| \`${address}\` | \`${change.path}\` | ${cell(change.before)} | ${cell(change.after)} |`,
        );
      }
    }
    lines.push("");
  }
  return lines;
}

function cell(value: unknown): string {
  if (value === undefined) return "_(none)_";
  const text = typeof value === "string" ? value : JSON.stringify(value);
  const short = text.length > MAX_VALUE_LENGTH ? `${text.slice(0, MAX_VALUE_LENGTH - 1)}…` : text;
  return `\`${short.replace(/\|/g, "\\|").replace(/`/g, "'")}\``;
}
