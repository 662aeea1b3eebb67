import { ACTIONS } from "../../src/actions";
import { StatesError } from "./asl-interpreter";

const ARN = "arn:aws:personalize:us-east-1:123456789012";

export interface FakeScenario {
  /** Statuses check_status reports for a resource, one per call, the last repeating. */
  readonly statusesOf?: (resourceArn: string) => readonly string[] | undefined;
  /** Error types an action throws on its first calls, in order, before it starts succeeding. */
  readonly errors?: Readonly<Record<string, readonly string[]>>;
}

const DEFAULT_STATUSES = ["CREATE PENDING", "CREATE IN_PROGRESS", "ACTIVE"];
const FAILED = new Set(["CREATE FAILED"]);

/**
 * Stands in for the personalize-manager function: checks every payload against the real action's
 * input schema (so the definition and the manager agree), and answers in the manager's shape with
 * made-up ARNs and statuses.
 */
export function fakeManager(scenario: FakeScenario = {}) {
  const checks = new Map<string, number>();
  const calls = new Map<string, number>();
  const results: Record<string, (payload: Record<string, unknown>) => Record<string, unknown>> = {
    export_interactions: (p) => ({
      s3_data_source: `s3://personalize-ab-dev-data/training-data/exports/${p.run_id}/interactions.csv`,
      rows_written: 1000,
    }),
    import_data: (p) => ({
      dataset_import_job_arn: `${ARN}:dataset-import-job/${p.job_name}`,
      created: true,
    }),
    create_solution_version: (p) => ({
      solution_version_arn: `${p.solution_arn}/${p.solution_version_name}`,
      created: true,
    }),
    create_event_tracker: () => ({ event_tracker_arn: `${ARN}:event-tracker/abc`, tracking_id: "track-1" }),
    create_filter: (p) => ({ filter_arn: `${ARN}:filter/${p.filter_name}`, created: true }),
    gate_solution_metrics: () => ({ passed: true, first_deployments: [], comparisons: [] }),
    create_campaign: (p) => ({ campaign_arn: `${ARN}:campaign/${p.campaign_name}`, created: true }),
    publish_config: () => ({ experiments: [], tracking_id_published: true }),
    check_status: (p) => {
      const arn = String(p.resource_arn);
      const statuses = scenario.statusesOf?.(arn) ?? DEFAULT_STATUSES;
      const seen = checks.get(arn) ?? 0;
      checks.set(arn, seen + 1);
      const status = statuses[Math.min(seen, statuses.length - 1)]!;
      return {
        resource_arn: arn,
        resource_type: p.resource_type,
        status,
        is_complete: status === "ACTIVE" || FAILED.has(status),
        is_failed: FAILED.has(status),
      };
    },
  };

  return (_functionName: string, payload: Record<string, unknown>) => {
    const name = String(payload.action);
    const action = ACTIONS.get(name);
    if (!action) throw new Error(`the definition invokes an unknown action ${name}`);
    const parsed = action.input.safeParse(payload);
    if (!parsed.success) throw new Error(`${name} payload rejected: ${parsed.error.message}`);
    const call = calls.get(name) ?? 0;
    calls.set(name, call + 1);
    const error = scenario.errors?.[name]?.[call];
    if (error) throw new StatesError(error, `${name} failed with ${error}`);
    return { statusCode: 200, body: JSON.stringify(results[name]!(parsed.data as Record<string, unknown>)) };
  };
}
