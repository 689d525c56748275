/** Timing helpers and the plain-text result table. */

export interface Rate {
  /** Median items/s over the runs. */
  median: number;
  runs: number[];
}

/**
 * Calls `step(i)` (returning the items it processed) in a loop: a warm-up of `warmupMs`,
 * then `runs` timed runs of `runMs` each; reports the median rate.
 */
export function measureRate(step: (i: number) => number, opts: { warmupMs: number; runMs: number; runs: number }): Rate {
  let i = 0;
  const until = performance.now() + opts.warmupMs;
  while (performance.now() < until) step(i++);
  const rates: number[] = [];
  for (let r = 0; r < opts.runs; r++) {
    let items = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < opts.runMs) {
      items += step(i++);
      t = performance.now();
    }
    rates.push((items * 1000) / (t - t0));
  }
  return { median: median(rates), runs: rates };
}

export function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx];
}

/** 1234567 → "1.23M", 612345 → "612k". */
export function si(n: number): string {
  if (!Number.isFinite(n)) return "n/a";
  if (n >= 1e6) return `${(n / 1e6).toFixed(2)}M`;
  if (n >= 1e4) return `${Math.round(n / 1e3)}k`;
  if (n >= 1e3) return `${(n / 1e3).toFixed(1)}k`;
  return n.toFixed(n >= 100 ? 0 : 1);
}

export interface Row {
  measurement: string;
  value: string;
  target?: string;
  /** true = pass, false = miss, undefined = informational. */
  pass?: boolean;
  notes?: string;
}

export function renderTable(title: string, rows: Row[]): string {
  const header = ["measurement", "value", "target", "result", "notes"];
  const cells = rows.map((r) => [r.measurement, r.value, r.target ?? "", r.pass === undefined ? "" : r.pass ? "pass" : "MISS", r.notes ?? ""]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c].length)));
  const line = (row: string[]) =>
    row
      .map((v, c) => (c === 1 ? v.padStart(widths[c]) : c === row.length - 1 ? v : v.padEnd(widths[c])))
      .join("  ")
      .trimEnd();
  const rule = widths.map((w) => "-".repeat(w)).join("  ");
  return [title, "", line(header), rule, ...cells.map(line)].join("\n");
}
