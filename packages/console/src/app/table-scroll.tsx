import type { ComponentChildren } from "preact";

/**
 * A wide table that scrolls sideways on a narrow screen; focusable and named, so that a keyboard
 * user can scroll it too.
 */
export function TableScroll({
  label,
  children,
}: {
  readonly label: string;
  readonly children: ComponentChildren;
}) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must take focus to be scrolled by keyboard.
    <section class="table-scroll" aria-label={label} tabIndex={0}>
      {children}
    </section>
  );
}
