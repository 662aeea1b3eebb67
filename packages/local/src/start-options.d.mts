export declare const LAUNCHED_AT_ENV: string;
export declare const INVOKED_FROM_ENV: string;
export declare const DEFAULT_DATA_DIR: string;

export interface StartOption {
  readonly type: "string" | "boolean";
  readonly default: string | boolean;
  readonly short?: string;
  readonly value?: string;
  readonly description: string;
}

export declare const START_OPTIONS: Record<string, StartOption>;

export interface StartValues {
  readonly port: number;
  readonly persist: boolean;
  readonly "data-dir": string;
  readonly verbose: boolean;
  readonly auth: boolean;
  /** Seconds between local runs of the scheduled functions. */
  readonly "schedule-every": number;
  readonly help: boolean;
  readonly [option: string]: string | boolean | number;
}

export declare function parseStartArgs(
  args: readonly string[],
): { readonly values: StartValues; readonly error?: undefined } | { readonly error: string };

export declare function startHelp(): string;

export declare function portProblem(port: number, host?: string): Promise<string | undefined>;
