import type { FieldProblem } from "./api-client";

/** The problems the API named for one field, shown under that field. */
export function FieldErrors({
  id,
  problems,
}: {
  readonly id: string;
  readonly problems: readonly FieldProblem[];
}) {
  if (problems.length === 0) return null;
  return (
    <span id={id} class="field-error" role="alert">
      {problems.map((problem) => problem.problem).join("; ")}
    </span>
  );
}

/** The problems that name no field of the form (`variants`, `version`, `body`…), each with its field. */
export function FormErrors({ problems }: { readonly problems: readonly FieldProblem[] }) {
  if (problems.length === 0) return null;
  return (
    <ul class="field-error form-errors" role="alert">
      {problems.map((problem) => (
        <li key={`${problem.field}:${problem.problem}`}>
          <code>{problem.field}</code>: {problem.problem}
        </li>
      ))}
    </ul>
  );
}
