/**
 * Values as on-call engineers read them: `1.5 s`, `320 ms`, `12.4 MiB`, `1.2K req/s`.
 * Grafana's unit ids (`ms`, `bytes`, `percentunit`, …) so dashboards carry over; an
 * unknown unit is shown as a suffix (`42 °C`). Pure, unit-tested.
 */

export interface UnitInfo {
  id: string;
  label: string;
}

/** The units the panel editor offers. */
export const UNITS: UnitInfo[] = [
  { id: "none", label: "None" },
  { id: "short", label: "Short (K, M, B)" },
  { id: "percent", label: "Percent (0-100)" },
  { id: "percentunit", label: "Percent (0.0-1.0)" },
  { id: "ns", label: "Nanoseconds" },
  { id: "us", label: "Microseconds" },
  { id: "ms", label: "Milliseconds" },
  { id: "s", label: "Seconds" },
  { id: "bytes", label: "Bytes (KiB, MiB)" },
  { id: "decbytes", label: "Bytes (kB, MB)" },
  { id: "reqps", label: "Requests/s" },
  { id: "ops", label: "Operations/s" },
];

/** Trailing zeros trimmed when the decimals were chosen for the user, kept when asked for. */
function fixed(v: number, decimals: number | undefined): string {
  if (decimals !== undefined) return v.toFixed(Math.max(0, Math.min(20, decimals)));
  const a = Math.abs(v);
  const d = a === 0 || a >= 100 ? 0 : a >= 10 ? 1 : a >= 1 ? 2 : 3;
  const text = v.toFixed(d);
  return text.includes(".") ? text.replace(/\.?0+$/, "") : text;
}

/** Scales by `base` through `suffixes` (the first is the unscaled one). */
function scaled(v: number, base: number, suffixes: string[], decimals: number | undefined, sep = " "): string {
  let i = 0;
  let x = v;
  while (Math.abs(x) >= base && i < suffixes.length - 1) {
    x /= base;
    i++;
  }
  const s = suffixes[i];
  return s ? `${fixed(x, decimals)}${sep}${s}` : fixed(x, decimals);
}

const NS_PER: Record<string, number> = { ns: 1, us: 1e3, µs: 1e3, ms: 1e6, s: 1e9 };
const DURATION_STEPS: [number, string][] = [
  [86_400e9, "d"],
  [3_600e9, "h"],
  [60e9, "min"],
  [1e9, "s"],
  [1e6, "ms"],
  [1e3, "µs"],
  [1, "ns"],
];

function duration(v: number, unit: string, decimals: number | undefined): string {
  const ns = v * NS_PER[unit];
  const a = Math.abs(ns);
  if (a === 0) return `0 ${unit === "us" ? "µs" : unit}`;
  const [size, name] = DURATION_STEPS.find(([size]) => a >= size) ?? [1, "ns"];
  return `${fixed(ns / size, decimals)} ${name}`;
}

/** A number for display in `unit`; null, undefined and NaN are shown as an em dash. */
export function formatValue(value: unknown, unit = "none", decimals?: number): string {
  if (value === null || value === undefined || value === "") return "—";
  const v = typeof value === "number" ? value : Number(value);
  if (!Number.isFinite(v)) return Number.isNaN(v) ? "—" : String(v);
  switch (unit) {
    case "":
    case "none":
      return fixed(v, decimals);
    case "short":
      return scaled(v, 1000, ["", "K", "M", "B", "T"], decimals, "");
    case "percent":
      return `${fixed(v, decimals)}%`;
    case "percentunit":
      return `${fixed(v * 100, decimals)}%`;
    case "ns":
    case "us":
    case "µs":
    case "ms":
    case "s":
      return duration(v, unit, decimals);
    case "bytes":
      return scaled(v, 1024, ["B", "KiB", "MiB", "GiB", "TiB", "PiB"], decimals);
    case "decbytes":
      return scaled(v, 1000, ["B", "kB", "MB", "GB", "TB", "PB"], decimals);
    case "reqps":
      return `${scaled(v, 1000, ["", "K", "M", "B"], decimals, "")} req/s`;
    case "ops":
      return `${scaled(v, 1000, ["", "K", "M", "B"], decimals, "")} ops/s`;
    default:
      return `${fixed(v, decimals)} ${unit}`;
  }
}
