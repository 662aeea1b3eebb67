import type { Decision } from "@personalize-ab/statistics";

const VERDICT_TEXT: Record<Decision["verdict"], string> = {
  ship: "Ship",
  keep_running: "Keep running",
  stop: "Stop",
  invalid: "Invalid: do not trust these results",
};

export function verdictText(decision: Decision): string {
  const text = VERDICT_TEXT[decision.verdict];
  return decision.variant ? `${text} ${decision.variant}` : text;
}

export function DecisionSection({ decision }: { readonly decision: Decision }) {
  return (
    <section aria-labelledby="decision-heading" class={`decision verdict-${decision.verdict}`}>
      <h2 id="decision-heading">Decision</h2>
      <p class="verdict" data-testid="verdict" data-verdict={decision.verdict}>
        {verdictText(decision)}
      </p>
      {decision.reasons.length > 0 && (
        <ul class="reasons">
          {decision.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      )}
    </section>
  );
}
