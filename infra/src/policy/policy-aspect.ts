import type { IConstruct } from "constructs";
import { Annotations, type IAspect, TerraformElement, TerraformStack } from "../cdktf";
import { checkStack } from "./check-stack";
import type { PolicyRule } from "./policy-rule";
import type { SynthesizedStack } from "./synthesized-stack";

/**
 * Runs the policy rules on the stack's Terraform JSON while it synthesizes and turns each violation
 * into an error on the offending construct, so a bad stack fails `synth` before anyone plans it.
 */
export class PolicyAspect implements IAspect {
  constructor(private readonly rules?: readonly PolicyRule[]) {}

  visit(node: IConstruct): void {
    if (!TerraformStack.isStack(node)) return;
    const stack = node as TerraformStack;
    const json = stack.toTerraform() as SynthesizedStack;
    for (const violation of checkStack(json, this.rules)) {
      const name = violation.address.split(".").at(-1);
      const offender = stack.node
        .findAll()
        .find((c) => c instanceof TerraformElement && c.friendlyUniqueId === name);
      Annotations.of(offender ?? stack).addError(
        `[${violation.rule}] ${violation.address} ${violation.message}`,
      );
    }
  }
}
