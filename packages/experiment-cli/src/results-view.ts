/**
 * The parts of an experiment's results (`GET /experiments/{test_name}/results`, or `analyze`) that
 * the table shows. Read structurally: the command prints whatever a server of this contract sends.
 */
export interface ComparisonView {
  readonly variant: string;
  /** Null when the control's value is 0: then the absolute difference and its interval are shown. */
  readonly relative_lift: number | null;
  /** The relative interval; null with the lift (servers before that sent [0, 0] with a null lift). */
  readonly ci: readonly [number, number] | null;
  readonly absolute_difference?: number;
  readonly absolute_ci?: readonly [number, number];
  /** `certain` when neither variant has any variance (p 0); older servers do not send it. */
  readonly basis?: string;
  readonly p_value: number;
  readonly p_value_adjusted?: number | null;
  readonly significant: boolean;
  readonly chance_to_win: number;
}

export interface MetricView {
  readonly name: string;
  readonly kind: string;
  readonly role: string;
  readonly method: string;
  readonly variants: readonly { readonly id: string; readonly users: number; readonly value: number }[];
  readonly comparisons: readonly ComparisonView[];
}

export interface ResultsView {
  readonly test_name?: string;
  readonly status?: string;
  readonly computed_at?: string;
  readonly control: string;
  readonly users: Readonly<Record<string, number>>;
  readonly srm: { readonly p_value: number | null; readonly mismatch: boolean };
  readonly metrics: readonly MetricView[];
  readonly decision: {
    readonly verdict: string;
    readonly variant?: string | null;
    readonly reasons: readonly string[];
  };
}
