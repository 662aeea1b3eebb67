import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { TRAINING_FUNCTIONS } from "@personalize-ab/domain";
import { describe, expect, it } from "vitest";

const SOURCE = join(import.meta.dirname, "..", "src");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith(".ts")
        ? [join(dir, entry.name)]
        : [],
  );
}

/** The API operations the handler's code can call through one SDK package, from its imports. */
function operationsImportedFrom(sdkPackage: string): Set<string> {
  const operations = new Set<string>();
  const importPattern = new RegExp(`import\\s*\\{([^}]*)\\}\\s*from\\s*"${sdkPackage}"`, "g");
  for (const file of sourceFiles(SOURCE).filter((path) => !path.includes("/cli/"))) {
    for (const [, names] of readFileSync(file, "utf8").matchAll(importPattern)) {
      for (const name of names!.split(",").map((part) => part.replace(/^\s*type\s+/, "").trim())) {
        const command = /^(\w+)Command$/.exec(name);
        const paginator = /^paginate(\w+)$/.exec(name);
        if (command) operations.add(command[1]!);
        if (paginator) operations.add(paginator[1]!);
      }
    }
  }
  return operations;
}

describe("the catalog entry infra derives the manager's IAM policy from", () => {
  const manager = TRAINING_FUNCTIONS.personalizeManager;

  it("lists exactly the Personalize operations the actions call", () => {
    expect([...operationsImportedFrom("@aws-sdk/client-personalize")].sort()).toEqual(
      [...manager.personalizeControl].sort(),
    );
  });

  it("lists exactly the DynamoDB operations the actions call", () => {
    const documentOperations: Record<string, string[]> = {
      Get: ["GetItem"],
      Update: ["UpdateItem"],
      Scan: ["Scan"],
      BatchWrite: ["BatchWriteItem"],
      // IAM authorizes each item of a TransactWriteItems by its own action: publish_config updates
      // the experiment records and puts their history entries.
      TransactWrite: ["UpdateItem", "PutItem"],
    };
    const used = [...operationsImportedFrom("@aws-sdk/lib-dynamodb")].flatMap(
      (operation) => documentOperations[operation] ?? [operation],
    );
    const declared = Object.values(manager.tables).flat();
    expect([...new Set(used)].sort()).toEqual([...new Set(declared)].sort());
  });
});
