import type { z } from "zod";
import type { ManagerContext } from "./context";

/** One manager action: the payload it accepts and what it does with it. */
export interface Action<Input extends z.ZodType = z.ZodType> {
  readonly name: string;
  readonly input: Input;
  run(input: z.output<Input>, context: ManagerContext): Promise<Record<string, unknown>>;
}

export function defineAction<Input extends z.ZodType>(action: Action<Input>): Action<Input> {
  return action;
}
