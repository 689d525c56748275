/**
 * Colours: threshold steps (Grafana's model: a step's colour applies from its value up to the
 * next step; the first step's value is null, meaning −∞) and the series palette. Pure, unit-tested.
 */
import type { ThresholdStep } from "../../../../core/dashboards/spec";

/** Colour-blind-friendly enough and distinct on white; the same order as Explore's chart. */
export const PALETTE = ["#1f6feb", "#d1242f", "#1a7f37", "#9a6700", "#8250df", "#bf3989", "#0969da", "#cf222e", "#116329", "#953800"];

/** The colour used when no thresholds are set. */
export const BASE_COLOR = "#1f6feb";

/** Steps ordered by value, the null (−∞) step first. */
export function sortedSteps(steps: ThresholdStep[] | undefined): ThresholdStep[] {
  return [...(steps ?? [])].sort((a, b) => (a.value ?? -Infinity) - (b.value ?? -Infinity));
}

/** The colour of the highest step whose value is ≤ `value`; `fallback` without steps or value. */
export function thresholdColor(value: number | null | undefined, steps: ThresholdStep[] | undefined, fallback = BASE_COLOR): string {
  if (value === null || value === undefined || Number.isNaN(value)) return fallback;
  let color: string | null = null;
  for (const step of sortedSteps(steps)) {
    if (step.value === null || value >= step.value) color = step.color;
  }
  return color ?? fallback;
}

/** A series' colour: the panel's fixed colour for its name, else the palette in order. */
export function seriesColor(index: number, name: string, fixed: Record<string, string> | undefined): string {
  return fixed?.[name] ?? PALETTE[index % PALETTE.length];
}

/** Bands [from, to) of each step clipped to [min, max], for a gauge's outer ring. */
export function thresholdBands(steps: ThresholdStep[] | undefined, min: number, max: number): { from: number; to: number; color: string }[] {
  const sorted = sortedSteps(steps);
  const bands: { from: number; to: number; color: string }[] = [];
  sorted.forEach((step, i) => {
    const from = Math.max(min, step.value ?? -Infinity);
    const to = Math.min(max, sorted[i + 1]?.value ?? Infinity);
    if (to > from) bands.push({ from, to, color: step.color });
  });
  return bands;
}
