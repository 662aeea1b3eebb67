import type { PolicyRule } from "../policy-rule";
import { firstBlock, resourcesOf } from "../synthesized-stack";

export const tablesEncryptedWithRecovery: PolicyRule = {
  id: "tables-encrypted-with-recovery",
  description: "every DynamoDB table has server-side encryption and point-in-time recovery enabled",
  check(stack) {
    return resourcesOf(stack, "aws_dynamodb_table").flatMap((table) => {
      const missing = [
        firstBlock(table.config.server_side_encryption)?.enabled === true ? [] : ["server-side encryption"],
        firstBlock(table.config.point_in_time_recovery)?.enabled === true ? [] : ["point-in-time recovery"],
      ].flat();
      return missing.map((what) => ({ rule: this.id, address: table.address, message: `has no ${what}` }));
    });
  },
};
