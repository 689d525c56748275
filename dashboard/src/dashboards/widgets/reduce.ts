/**
 * Reducing a series to one number (a stat's value, a legend's min/max/avg/last) and stacking
 * series. Nulls are gaps, never zeros. Pure, unit-tested.
 */
export type Reducer = "last" | "first" | "min" | "max" | "avg" | "sum";

export const REDUCERS: Reducer[] = ["last", "first", "min", "max", "avg", "sum"];

/** The reduced value of the non-null points, or null when there are none. */
export function reduce(values: readonly (number | null)[], how: Reducer): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v));
  if (xs.length === 0) return null;
  switch (how) {
    case "last":
      return xs[xs.length - 1];
    case "first":
      return xs[0];
    case "min":
      return Math.min(...xs);
    case "max":
      return Math.max(...xs);
    case "sum":
      return xs.reduce((a, b) => a + b, 0);
    case "avg":
      return xs.reduce((a, b) => a + b, 0) / xs.length;
  }
}

export type LegendCalc = "min" | "max" | "avg" | "last";

export function legendCalcs(values: readonly (number | null)[], calcs: readonly LegendCalc[]): Record<LegendCalc, number | null> {
  const out = {} as Record<LegendCalc, number | null>;
  for (const c of calcs) out[c] = reduce(values, c);
  return out;
}

/**
 * Cumulative sums, series by series (the first at the bottom). A null point stays null in its
 * own series (nothing drawn there) and adds nothing to the ones above it.
 */
export function stack(series: readonly (readonly (number | null)[])[]): (number | null)[][] {
  const base: number[] = new Array(series[0]?.length ?? 0).fill(0);
  return series.map((values) =>
    values.map((v, i) => {
      if (v === null) return null;
      base[i] += v;
      return base[i];
    }),
  );
}
