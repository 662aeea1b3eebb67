import type { PlotOptions } from "@observablehq/plot";
import { plot } from "@observablehq/plot";
import { useEffect, useRef, useState } from "preact/hooks";

interface PlotFigureProps {
  readonly options: PlotOptions;
  /** What the chart shows, for screen readers; the numbers are also in the table beside it. */
  readonly label: string;
}

/**
 * An Observable Plot chart as a Preact component: Plot renders SVG into a container, redrawn at the
 * container's width so that it fits a phone as well as a desktop.
 */
export function PlotFigure({ options, label }: PlotFigureProps) {
  const container = useRef<HTMLDivElement>(null);
  const [width, setWidth] = useState(0);
  useEffect(() => {
    const element = container.current;
    if (!element) return;
    const observer = new ResizeObserver(([entry]) => setWidth(Math.floor(entry?.contentRect.width ?? 0)));
    observer.observe(element);
    return () => observer.disconnect();
  }, []);
  useEffect(() => {
    if (width === 0) return;
    const chart = plot({ ...options, width });
    // The chart is one image with one label (its numbers are in the table beside it): Plot's
    // per-mark labels on <g> elements are not allowed without a role, and say nothing useful.
    for (const group of chart.querySelectorAll("g[aria-label]")) group.removeAttribute("aria-label");
    const svg = chart instanceof SVGSVGElement ? chart : chart.querySelector("svg:last-of-type");
    svg?.setAttribute("role", "img");
    svg?.setAttribute("aria-label", label);
    container.current?.replaceChildren(chart);
    return () => chart.remove();
  }, [options, label, width]);
  return <div class="chart" ref={container} />;
}
