/**
 * A query answer → one sample per group. The value is `value_column` when the rule names
 * one, else the last numeric column; the group labels are the `by` columns of the query's
 * last summarize, time columns excepted (so `summarize errors = count() by service.name,
 * route` gives one series per service and route, valued by `errors`). With several rows per group (a `bin(timestamp, …)`
 * in the `by`), the row with the latest time wins: the freshest bucket is what is judged.
 */
export interface AnswerLike {
  columns: { name: string; type: string }[];
  rows: unknown[][];
}

export interface Sample {
  key: string;
  group: Record<string, string>;
  value: number | null;
}

export class SeriesError extends Error {}

const NUMERIC = /^(U?(TINY|SMALL|BIG|HUGE)?INT(EGER)?|FLOAT|DOUBLE|HALF|REAL|DECIMAL.*)$/i;
const TIME = /^(TIMESTAMP.*|DATE|TIME)$/i;

/** Stable identity of a group: its labels sorted by name. */
export function groupKey(group: Record<string, string>): string {
  return JSON.stringify(Object.keys(group).sort().map((k) => [k, group[k]]));
}

export function pickValueColumn(columns: AnswerLike["columns"], valueColumn: string | null): number {
  if (valueColumn !== null) {
    const i = columns.findIndex((c) => c.name === valueColumn);
    if (i < 0) throw new SeriesError(`value column '${valueColumn}' is not in the result (columns: ${columns.map((c) => c.name).join(", ") || "none"})`);
    if (!NUMERIC.test(columns[i].type)) throw new SeriesError(`value column '${valueColumn}' is ${columns[i].type}, not a number`);
    return i;
  }
  for (let i = columns.length - 1; i >= 0; i--) if (NUMERIC.test(columns[i].type)) return i;
  throw new SeriesError(`the result has no numeric column to alert on (columns: ${columns.map((c) => `${c.name} ${c.type}`).join(", ") || "none"}); end the query with a summarize`);
}

function toNumber(v: unknown): number | null {
  if (v === null || v === undefined) return null;
  const n = typeof v === "number" ? v : typeof v === "bigint" ? Number(v) : Number(v);
  return Number.isFinite(n) ? n : null;
}

function label(v: unknown): string {
  if (v === null || v === undefined) return "";
  return typeof v === "object" ? JSON.stringify(v) : String(v);
}

/**
 * `groups`: the query's `by` column names (query-shape.ts); null = every other column that
 * is neither numeric nor a time.
 */
export function samplesFromAnswer(answer: AnswerLike, valueColumn: string | null, groups: ReadonlySet<string> | null = null): Map<string, Sample> {
  const { columns, rows } = answer;
  const out = new Map<string, Sample>();
  if (columns.length === 0) return out;
  const vi = pickValueColumn(columns, valueColumn);
  const timeCol = columns.findIndex((c, i) => i !== vi && TIME.test(c.type));
  const isGroup = (c: AnswerLike["columns"][number]) => (groups ? groups.has(c.name) : !NUMERIC.test(c.type));
  const groupCols = columns.map((c, i) => ({ c, i })).filter(({ c, i }) => i !== vi && !TIME.test(c.type) && isGroup(c));
  const latest = new Map<string, string>();
  for (const row of rows) {
    const group: Record<string, string> = {};
    for (const { c, i } of groupCols) group[c.name] = label(row[i]);
    const key = groupKey(group);
    const at = timeCol >= 0 ? String(row[timeCol] ?? "") : "";
    // ISO timestamps compare as text.
    if (out.has(key) && at <= (latest.get(key) ?? "")) continue;
    latest.set(key, at);
    out.set(key, { key, group, value: toNumber(row[vi]) });
  }
  return out;
}
