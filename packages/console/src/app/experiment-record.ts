import type { AllocationPeriod } from "./sections/allocation-section";

/** The experiment as the admin API returns it (GET /experiments, GET /experiments/{name}). */
export interface ExperimentRecord {
  readonly name: string;
  readonly status: "draft" | "active" | "paused" | "completed";
  readonly version: number;
  readonly winner?: string;
  readonly variants: readonly {
    readonly id: string;
    readonly weight: number;
    readonly description?: string;
  }[];
  readonly allocation?: { readonly type: "fixed" | "bandit" };
  readonly periods?: readonly AllocationPeriod[];
}
