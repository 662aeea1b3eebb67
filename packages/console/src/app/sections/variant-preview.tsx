import type { PreviewedVariant } from "@personalize-ab/domain";

/** Where a variant's list came from, when it is not its own campaign's answer. */
function sourceNote(variant: PreviewedVariant): string | undefined {
  if (variant.source === "fallback") return `Fallback list (${variant.fallback_reason ?? "unknown reason"})`;
  if (variant.source === "refused") return variant.error?.problem ?? "Personalize refused the request";
  return undefined;
}

/** One variant's list for the previewed user: each item with its metadata and why it is there. */
export function VariantPreview({
  variant,
  index,
  assigned,
}: {
  readonly variant: PreviewedVariant;
  readonly index: number;
  readonly assigned: boolean;
}) {
  const headingId = `preview-variant-${index}`;
  const note = sourceNote(variant);
  return (
    <section
      class={assigned ? "variant-preview assigned" : "variant-preview"}
      aria-labelledby={headingId}
      data-testid="preview-variant"
      data-variant={variant.variant}
      data-assigned={assigned ? "true" : "false"}
      data-source={variant.source}
    >
      <h3 id={headingId}>
        {variant.variant}{" "}
        {assigned && (
          <span class="assigned-badge" data-testid="assigned-badge">
            user's variant
          </span>
        )}
      </h3>
      <p class="hint">
        {variant.algorithm} · <code>{variant.recipe}</code>
      </p>
      {note && (
        <p class="source-note" data-field="source-note">
          {note}
        </p>
      )}
      {variant.recommendations.length === 0 ? (
        <p class="hint">No items.</p>
      ) : (
        <ol class="preview-items" aria-label={`${variant.variant} recommendations`}>
          {variant.recommendations.map((item) => (
            <li key={item.item_id} data-item={item.item_id}>
              <strong data-field="item_id">{item.item_id}</strong>{" "}
              <span class="item-meta" data-field="metadata">
                {[
                  item.category ?? "no category",
                  item.brand ?? "no brand",
                  item.price === null ? "no price" : item.price.toFixed(2),
                ].join(" · ")}
              </span>
              <span class="item-reason" data-field="reason" data-reason={item.reason.code}>
                {item.reason.text}
              </span>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
