import type { ExperimentPreviewResponse } from "@personalize-ab/domain";
import { useState } from "preact/hooks";
import { type ApiClient, ApiError, type FieldProblem } from "../api-client";
import { experimentPath } from "../experiment-record";
import { FieldErrors, FormErrors } from "../field-errors";
import { VariantPreview } from "./variant-preview";

type Answer =
  | { readonly state: "idle" | "loading" }
  | { readonly state: "done"; readonly preview: ExperimentPreviewResponse }
  | { readonly state: "failed"; readonly message: string; readonly problems: readonly FieldProblem[] };

const FORM_FIELDS = ["user_id", "num_results"];

/** How the preview knows the user's variant, in words. */
function placement(preview: ExperimentPreviewResponse) {
  const variant = <strong data-testid="try-variant">{preview.assigned_variant}</strong>;
  switch (preview.assignment) {
    case "stored":
      return <>is in {variant} (their stored assignment).</>;
    case "would_assign":
      return preview.status === "draft" ? (
        <>is not enrolled: once the experiment starts, their first request puts them in {variant}.</>
      ) : (
        <>is not enrolled yet: their first request would put them in {variant}.</>
      );
    case "fixed":
      return (
        <>
          is served {variant}, as everyone is while the experiment is {preview.status} (
          {preview.status === "paused" ? "the control" : "the winner"}).
        </>
      );
    case "interleaved":
      return <>is served an interleaved mix of every variant, as every user is.</>;
  }
}

/**
 * Pick a user: what each variant would recommend them, side by side with the items' metadata and
 * reasons, and which variant they are in. The preview stores nothing (no enrollment, no exposure).
 */
export function TryItPanel({ api, testName }: { readonly api: ApiClient; readonly testName: string }) {
  const [userId, setUserId] = useState("user_00001");
  const [count, setCount] = useState("5");
  const [answer, setAnswer] = useState<Answer>({ state: "idle" });

  async function preview(event: Event) {
    event.preventDefault();
    setAnswer({ state: "loading" });
    try {
      const body = { user_id: userId, num_results: Number(count) };
      const answered = await api.request<ExperimentPreviewResponse>(
        "POST",
        `${experimentPath(testName)}/preview`,
        { body },
      );
      setAnswer({ state: "done", preview: answered });
    } catch (error) {
      setAnswer(
        error instanceof ApiError
          ? { state: "failed", message: `${error.code}: ${error.message}`, problems: error.details }
          : { state: "failed", message: (error as Error).message, problems: [] },
      );
    }
  }

  const problems = answer.state === "failed" ? answer.problems : [];
  const problemsOf = (field: string) => problems.filter((problem) => problem.field === field);
  const otherProblems = problems.filter((problem) => !FORM_FIELDS.includes(problem.field));
  const invalid = (field: string) => (problemsOf(field).length > 0 ? "true" : undefined);

  return (
    <section aria-labelledby="try-heading">
      <h2 id="try-heading">Try it</h2>
      <p class="hint">
        What every variant would recommend a user, and which variant they are in. A preview stores nothing:
        the user is not enrolled and no exposure is recorded.
      </p>
      <form class="inline-form" onSubmit={preview}>
        <label>
          User id
          <input
            name="user_id"
            value={userId}
            required
            aria-invalid={invalid("user_id")}
            aria-describedby="try-user_id-error"
            onInput={(event) => setUserId(event.currentTarget.value)}
          />
          <FieldErrors id="try-user_id-error" problems={problemsOf("user_id")} />
        </label>
        <label>
          Items per variant
          <input
            name="num_results"
            type="number"
            min={1}
            max={500}
            value={count}
            required
            aria-invalid={invalid("num_results")}
            aria-describedby="try-num_results-error"
            onInput={(event) => setCount(event.currentTarget.value)}
          />
          <FieldErrors id="try-num_results-error" problems={problemsOf("num_results")} />
        </label>
        <button type="submit" disabled={answer.state === "loading"}>
          Preview variants
        </button>
      </form>
      <div aria-live="polite">
        {answer.state === "loading" && <p aria-busy="true">Asking every variant…</p>}
        {answer.state === "failed" && (
          <>
            <p class="field-error" role="alert">
              {answer.message}
            </p>
            <FormErrors problems={otherProblems} />
          </>
        )}
        {answer.state === "done" && (
          <div data-testid="try-it-answer">
            <p data-testid="try-placement" data-assignment={answer.preview.assignment}>
              <strong>{answer.preview.user_id}</strong> {placement(answer.preview)}
            </p>
            <div class="preview-grid">
              {answer.preview.variants.map((variant, index) => (
                <VariantPreview
                  key={variant.variant}
                  index={index}
                  variant={variant}
                  assigned={variant.variant === answer.preview.assigned_variant}
                />
              ))}
            </div>
          </div>
        )}
      </div>
    </section>
  );
}
