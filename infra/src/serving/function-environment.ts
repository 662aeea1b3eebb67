import { ENV, type EnvVarName, type FunctionDefinition } from "@personalize-ab/domain";

/**
 * Variables whose values the training pipeline provides once it has trained: until then functions
 * read them from the platform config record, so a stack may leave them unset.
 */
export const SET_AFTER_TRAINING: readonly EnvVarName[] = [
  ENV.campaignAArn,
  ENV.campaignBArn,
  ENV.campaignCArn,
  ENV.trackingId,
];

/**
 * The environment of one catalog function: exactly the variables it declares, with the values the
 * stack knows. A declared variable the stack cannot fill fails the synth instead of failing at run time.
 */
export function catalogEnvironment(
  functionKey: string,
  definition: FunctionDefinition,
  values: Readonly<Partial<Record<EnvVarName, string>>>,
): Record<string, string> {
  const environment: Record<string, string> = {};
  for (const name of definition.env) {
    const value = values[name];
    if (value !== undefined) environment[name] = value;
    else if (!SET_AFTER_TRAINING.includes(name)) {
      throw new Error(`Function ${functionKey} declares ${name} but the stack supplies no value for it`);
    }
  }
  return environment;
}
