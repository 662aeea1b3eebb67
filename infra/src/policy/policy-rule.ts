import type { PolicyViolation, SynthesizedStack } from "./synthesized-stack";

/** One check over a synthesized stack; the same code runs in the synth-time aspect and in the tests. */
export interface PolicyRule {
  readonly id: string;
  readonly description: string;
  check(stack: SynthesizedStack): PolicyViolation[];
}
