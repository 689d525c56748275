/**
 * SVG geometry for the gauge and the pie: arcs as path data. Angles in degrees, 0 at twelve
 * o'clock, clockwise. Pure, unit-tested.
 */

export function polar(cx: number, cy: number, r: number, deg: number): [number, number] {
  const rad = ((deg - 90) * Math.PI) / 180;
  return [cx + r * Math.cos(rad), cy + r * Math.sin(rad)];
}

const n = (v: number) => Math.round(v * 100) / 100;

/** A stroke-able arc from `start` to `end` degrees (end > start). */
export function arcPath(cx: number, cy: number, r: number, start: number, end: number): string {
  const sweep = Math.min(end - start, 359.99);
  const [x0, y0] = polar(cx, cy, r, start);
  const [x1, y1] = polar(cx, cy, r, start + sweep);
  return `M ${n(x0)} ${n(y0)} A ${n(r)} ${n(r)} 0 ${sweep > 180 ? 1 : 0} 1 ${n(x1)} ${n(y1)}`;
}

/** A filled slice (or a donut segment when `inner` > 0). */
export function slicePath(cx: number, cy: number, r: number, inner: number, start: number, end: number): string {
  const sweep = Math.min(end - start, 359.99);
  const large = sweep > 180 ? 1 : 0;
  const [x0, y0] = polar(cx, cy, r, start);
  const [x1, y1] = polar(cx, cy, r, start + sweep);
  if (inner <= 0) return `M ${n(cx)} ${n(cy)} L ${n(x0)} ${n(y0)} A ${n(r)} ${n(r)} 0 ${large} 1 ${n(x1)} ${n(y1)} Z`;
  const [x2, y2] = polar(cx, cy, inner, start + sweep);
  const [x3, y3] = polar(cx, cy, inner, start);
  return `M ${n(x0)} ${n(y0)} A ${n(r)} ${n(r)} 0 ${large} 1 ${n(x1)} ${n(y1)} L ${n(x2)} ${n(y2)} A ${n(inner)} ${n(inner)} 0 ${large} 0 ${n(x3)} ${n(y3)} Z`;
}

/** The gauge's sweep: 240° centred at the top, from −120° to +120°. */
export const GAUGE_START = -120;
export const GAUGE_END = 120;

/** A value's angle on the gauge, clamped to [min, max]. */
export function gaugeAngle(value: number, min: number, max: number): number {
  const f = max > min ? Math.min(1, Math.max(0, (value - min) / (max - min))) : 0;
  return GAUGE_START + f * (GAUGE_END - GAUGE_START);
}

/** Start and end angles of each slice, proportional to the values (negatives count as 0). */
export function sliceAngles(values: number[]): { start: number; end: number; share: number }[] {
  const total = values.reduce((a, v) => a + Math.max(0, v), 0);
  let at = 0;
  return values.map((v) => {
    const share = total > 0 ? Math.max(0, v) / total : 0;
    const start = at;
    at += share * 360;
    return { start, end: at, share };
  });
}

/** Without min/max set: 0 to 100 for percents, 0 to 1 for percentunit, else 0 to the top threshold or the value. */
export function gaugeScale(unit: string, min: number | undefined, max: number | undefined, values: (number | null)[], steps: { value: number | null }[] = []): [number, number] {
  const lo = min ?? 0;
  if (max !== undefined) return [lo, max];
  if (unit === "percent") return [lo, 100];
  if (unit === "percentunit") return [lo, 1];
  const top = Math.max(...values.map((v) => v ?? 0), ...steps.map((s) => (s.value ?? 0) * 1.25));
  return [lo, top > lo ? top : lo + 1];
}
