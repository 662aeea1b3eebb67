import { useState } from "preact/hooks";
import { type ApiClient, ApiError, type FieldProblem } from "../api-client";
import { type ExperimentRecord, experimentPath } from "../experiment-record";
import { FieldErrors, FormErrors } from "../field-errors";

interface AdminPanelProps {
  readonly api: ApiClient;
  readonly record: ExperimentRecord;
  /** Called with the record the API stored, after every successful change. */
  readonly onChanged: (record: ExperimentRecord) => void;
}

/** A refusal from the API as field problems; anything else as one problem of the whole request. */
function problemsOf(error: unknown): FieldProblem[] {
  if (error instanceof ApiError) {
    return error.details.length > 0 ? [...error.details] : [{ field: error.code, problem: error.message }];
  }
  return [{ field: "request", problem: (error as Error).message }];
}

const STATUS_ACTIONS: Record<
  ExperimentRecord["status"],
  readonly { status: "active" | "paused"; label: string }[]
> = {
  draft: [{ status: "active", label: "Start" }],
  active: [{ status: "paused", label: "Pause" }],
  paused: [{ status: "active", label: "Resume" }],
  completed: [],
};

/**
 * Pause, resume, start, complete with a winner, and new weights, through the admin API. Every
 * write carries the version read, so a change made meanwhile by someone else is refused, not lost.
 * The browser does not validate: what the API refuses is shown where its field is.
 */
export function AdminPanel({ api, record, onChanged }: AdminPanelProps) {
  const [busy, setBusy] = useState(false);
  const [statusProblems, setStatusProblems] = useState<FieldProblem[]>([]);
  const [weightProblems, setWeightProblems] = useState<FieldProblem[]>([]);
  const [winner, setWinner] = useState(record.winner ?? record.variants[0]?.id ?? "");
  const [weights, setWeights] = useState(() => record.variants.map((variant) => String(variant.weight)));

  async function write(
    request: () => Promise<ExperimentRecord>,
    setProblems: (problems: FieldProblem[]) => void,
  ) {
    setBusy(true);
    setProblems([]);
    try {
      onChanged(await request());
    } catch (error) {
      setProblems(problemsOf(error));
    } finally {
      setBusy(false);
    }
  }

  const changeStatus = (status: "active" | "paused" | "completed") =>
    write(
      () =>
        api.request<ExperimentRecord>("POST", `${experimentPath(record.name)}/status`, {
          body: { status, version: record.version, ...(status === "completed" && { winner }) },
        }),
      setStatusProblems,
    );

  const saveWeights = (event: Event) => {
    event.preventDefault();
    write(
      () =>
        api.request<ExperimentRecord>("PUT", experimentPath(record.name), {
          body: {
            ...record,
            // What the person typed, as a number when it is one: the API says what is wrong with it.
            variants: record.variants.map((variant, index) => {
              const typed = weights[index]?.trim() ?? "";
              return {
                ...variant,
                weight: typed !== "" && Number.isFinite(Number(typed)) ? Number(typed) : typed,
              };
            }),
          },
        }),
      setWeightProblems,
    );
  };

  const weightFields = record.variants.map((_, index) => `variants.${index}.weight`);
  const otherWeightProblems = weightProblems.filter((problem) => !weightFields.includes(problem.field));
  const otherStatusProblems = statusProblems.filter((problem) => problem.field !== "winner");
  const winnerProblems = statusProblems.filter((problem) => problem.field === "winner");

  return (
    <section aria-labelledby="admin-heading">
      <h2 id="admin-heading">Change the experiment</h2>
      <p class="hint">
        Version {record.version}, {record.status}
        {record.winner ? `, winner ${record.winner}` : ""}.
      </p>
      {record.status !== "completed" && (
        <fieldset aria-describedby={otherStatusProblems.length > 0 ? "status-errors" : undefined}>
          <legend>Status</legend>
          {STATUS_ACTIONS[record.status].map((action) => (
            <button
              key={action.status}
              type="button"
              disabled={busy}
              onClick={() => changeStatus(action.status)}
            >
              {action.label}
            </button>
          ))}
          {record.status !== "draft" && (
            <>
              <label>
                Winner
                <select
                  name="winner"
                  value={winner}
                  aria-invalid={winnerProblems.length > 0}
                  aria-describedby={winnerProblems.length > 0 ? "winner-error" : undefined}
                  onChange={(event) => setWinner(event.currentTarget.value)}
                >
                  {record.variants.map((variant) => (
                    <option key={variant.id} value={variant.id}>
                      {variant.id}
                    </option>
                  ))}
                </select>
                <FieldErrors id="winner-error" problems={winnerProblems} />
              </label>
              <button type="button" disabled={busy} onClick={() => changeStatus("completed")}>
                Complete with this winner
              </button>
            </>
          )}
          <div id="status-errors">
            <FormErrors problems={otherStatusProblems} />
          </div>
        </fieldset>
      )}
      {record.status !== "completed" && record.allocation?.type !== "bandit" && (
        <form noValidate onSubmit={saveWeights} data-testid="weights-form">
          <fieldset>
            <legend>Weights (a new allocation period; enrolled users keep their variant)</legend>
            {record.variants.map((variant, index) => {
              const field = `variants.${index}.weight`;
              const problems = weightProblems.filter((problem) => problem.field === field);
              return (
                <label key={variant.id}>
                  {variant.id} weight
                  <input
                    name={field}
                    inputMode="decimal"
                    value={weights[index]}
                    aria-invalid={problems.length > 0}
                    aria-describedby={problems.length > 0 ? `${field}-error` : undefined}
                    onInput={(event) => {
                      const next = [...weights];
                      next[index] = event.currentTarget.value;
                      setWeights(next);
                    }}
                  />
                  <FieldErrors id={`${field}-error`} problems={problems} />
                </label>
              );
            })}
            <button type="submit" disabled={busy}>
              Save weights
            </button>
          </fieldset>
          <FormErrors problems={otherWeightProblems} />
        </form>
      )}
    </section>
  );
}
