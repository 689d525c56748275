/**
 * Panel display options. The documented options (spec.ts `PanelOptions`) are type-checked;
 * other keys are kept as they are (JSON values only), so a widget can grow an option
 * without a server release, and import → export still round-trips.
 */
import type { PanelOptions, ThresholdStep } from "./spec";
import { Checker, LIMITS } from "./spec-checker";

const ENUMS: Record<string, readonly string[]> = {
  style: ["line", "area", "bars"],
  orientation: ["horizontal", "vertical"],
  sort: ["asc", "desc", "none"],
  reduce: ["last", "first", "min", "max", "avg", "sum"],
};
const BOOLS = ["stacked", "sparkline", "columnColors", "donut"];
const LEGEND_CALCS = ["min", "max", "avg", "last"];
const MAX_EXTRA_BYTES = 16 * 1024;

export function checkOptions(c: Checker, value: unknown, path: string): PanelOptions | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value)) return c.fail(path, "must be an object");
  const before = c.errors.length;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const at = `${path}.${key}`;
    if (v === undefined) continue;
    if (key === "unit") out.unit = c.string(v, at, { min: 1, max: 32 });
    else if (key === "decimals") out.decimals = c.int(v, at, 0, 10);
    else if (key === "min" || key === "max") out[key] = finite(c, v, at);
    else if (key === "buckets" || key === "limit") out[key] = c.int(v, at, 1, 1000);
    else if (key === "markdown") out.markdown = c.string(v, at, { max: LIMITS.markdownLength });
    else if (key in ENUMS) out[key] = ENUMS[key].includes(v as string) ? v : c.fail(at, `must be one of ${ENUMS[key].join(", ")}`);
    else if (BOOLS.includes(key)) out[key] = c.bool(v, at);
    else if (key === "thresholds") out.thresholds = thresholds(c, v, at);
    else if (key === "colors") out.colors = colors(c, v, at);
    else if (key === "colorColumns") out.colorColumns = columnNames(c, v, at);
    else if (key === "legend") out.legend = legend(c, v, at);
    else out[key] = extra(c, v, at);
  }
  if (typeof out.min === "number" && typeof out.max === "number" && out.min > out.max) c.fail(`${path}.max`, "must not be below min");
  return c.errors.length === before ? (out as PanelOptions) : undefined;
}

function columnNames(c: Checker, v: unknown, path: string): string[] | undefined {
  const list = c.array(v, path, 50);
  if (!list) return undefined;
  const names = list.map((name, i) => c.string(name, `${path}[${i}]`, { min: 1, max: 128 }));
  return names.every((n): n is string => n !== undefined) ? names : undefined;
}

function finite(c: Checker, v: unknown, path: string): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : c.fail(path, "must be a number");
}

function thresholds(c: Checker, v: unknown, path: string): ThresholdStep[] | undefined {
  const list = c.array(v, path, 20);
  if (!list) return undefined;
  const out: ThresholdStep[] = [];
  let last = -Infinity;
  list.forEach((step, i) => {
    const o = c.object(step, `${path}[${i}]`, ["value", "color"]);
    if (!o) return;
    const color = c.string(o.color, `${path}[${i}].color`, { min: 1, max: 32 });
    if (i === 0 && o.value !== null) return void c.fail(`${path}[0].value`, "the first step's value must be null (it applies from −∞)");
    if (i > 0) {
      const value = finite(c, o.value, `${path}[${i}].value`);
      if (value === undefined) return;
      if (value <= last) return void c.fail(`${path}[${i}].value`, "steps must ascend");
      last = value;
      if (color !== undefined) out.push({ value, color });
    } else if (color !== undefined) out.push({ value: null, color });
  });
  return out;
}

function colors(c: Checker, v: unknown, path: string): Record<string, string> | undefined {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return c.fail(path, "must be an object of series name → colour");
  const out: Record<string, string> = {};
  for (const [name, color] of Object.entries(v)) {
    const s = c.string(color, `${path}.${name}`, { min: 1, max: 32 });
    if (s !== undefined) out[name] = s;
  }
  return out;
}

function legend(c: Checker, v: unknown, path: string): PanelOptions["legend"] | undefined {
  const o = c.object(v, path, ["show", "calcs"]);
  if (!o) return undefined;
  const show = o.show === undefined ? true : c.bool(o.show, `${path}.show`);
  const calcs = o.calcs === undefined ? [] : c.strings(o.calcs, `${path}.calcs`, 4, 8);
  calcs?.forEach((calc, i) => {
    if (!LEGEND_CALCS.includes(calc)) c.fail(`${path}.calcs[${i}]`, `must be one of ${LEGEND_CALCS.join(", ")}`);
  });
  return show === undefined || !calcs ? undefined : { show, calcs: calcs as ("min" | "max" | "avg" | "last")[] };
}

/** An option the server does not know: any JSON value, kept as is, within a size cap. */
function extra(c: Checker, v: unknown, path: string): unknown {
  const text = JSON.stringify(v);
  if (text === undefined) return c.fail(path, "must be a JSON value");
  if (text.length > MAX_EXTRA_BYTES) return c.fail(path, `must be at most ${MAX_EXTRA_BYTES} bytes of JSON`);
  return v;
}
