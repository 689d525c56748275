/**
 * Where annotation markers sit on a time axis. Pure, unit-tested; the time-series widget
 * draws them as vertical lines over the plot with hover details.
 */
import type { Annotation } from "../../../../core/dashboards/spec";

export interface Marker {
  annotation: Annotation;
  /** Pixels from the left of the plotting area. */
  x: number;
  /** Width in pixels for a region annotation (timeEnd set), else 0. */
  width: number;
}

/** The annotations inside the visible [fromMs, toMs], placed on a plot `width` pixels wide, in time order. */
export function placeMarkers(annotations: readonly Annotation[], fromMs: number, toMs: number, width: number): Marker[] {
  if (!(toMs > fromMs) || width <= 0) return [];
  const px = (t: number) => ((t - fromMs) / (toMs - fromMs)) * width;
  return annotations
    .filter((a) => a.time <= toMs && (a.timeEnd ?? a.time) >= fromMs)
    .sort((a, b) => a.time - b.time)
    .map((a) => {
      const x = Math.max(0, px(a.time));
      const end = a.timeEnd !== null && a.timeEnd > a.time ? Math.min(width, px(a.timeEnd)) : x;
      return { annotation: a, x, width: end - x };
    });
}
