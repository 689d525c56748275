/**
 * The results of `npm run bench:query` as tables (plain text for the terminal, Markdown
 * for docs/benchmarks.md) and the docs section they go in. Pure: no I/O, no clock.
 */
import { median } from "./measure.ts";
import type { Agreement } from "./query-compare.ts";

export const WASM_BUDGET = 96 * 1024 * 1024;
export const MAX_RATIO = 3;
export const ACK_TARGET_MS = 5000;

export interface QueryMeasurement {
  dataset: string;
  query: string;
  aggregate: boolean;
  /** Per timed run: wall clock of the HTTP call, the engine's own stats.ms, native DuckDB. */
  httpMs: number[];
  engineMs: number[];
  nativeMs: number[];
  /** stats.bytes_fetched: bytes read from R2 (footers included). */
  bytesFetched: number;
  /** stats.wasm_bytes, the largest over all runs (warm-up included). */
  wasmBytes: number;
  batches: number;
  files: number;
  agreement: Agreement;
  /** Set when our API did not answer (timeout, over budget…). */
  error?: string;
}

export interface Verdict {
  target: string;
  value: string;
  pass: boolean;
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;
const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : "n/a");

export function ratio(m: QueryMeasurement): number {
  return median(m.httpMs) / median(m.nativeMs);
}

const HEADER = ["dataset", "query", "ours (HTTP)", "engine", "native", "ratio", "R2 bytes", "wasm peak", "batches", "answers vs native", "≤ 3× native"];

function cells(m: QueryMeasurement): string[] {
  const r = ratio(m);
  const target = !m.aggregate ? "" : m.error || !(r <= MAX_RATIO) ? "MISS" : "pass";
  if (m.error) return [m.dataset, m.query, "error", "", `${ms(median(m.nativeMs))} ms`, "", "", m.wasmBytes ? mb(m.wasmBytes) : "", "", m.error, target];
  return [
    m.dataset,
    m.query,
    `${ms(median(m.httpMs))} ms`,
    `${ms(median(m.engineMs))} ms`,
    `${ms(median(m.nativeMs))} ms`,
    `${r.toFixed(1)}×`,
    `${mb(m.bytesFetched)}, ${m.files} file${m.files === 1 ? "" : "s"}`,
    mb(m.wasmBytes),
    String(m.batches),
    m.agreement.ok ? m.agreement.note : `DIFFER: ${m.agreement.note}`,
    target,
  ];
}

/** The targets: aggregates within 3× native, the wasm budget on every query, ack → queryable. */
export function verdicts(ms_: QueryMeasurement[], ackMs: number[], extraWasm: number[]): Verdict[] {
  const agg = ms_.filter((m) => m.aggregate);
  const failed = agg.filter((m) => m.error).length;
  const slow = agg.filter((m) => m.error || !(ratio(m) <= MAX_RATIO));
  const worst = Math.max(...agg.filter((m) => !m.error).map(ratio));
  const wasm = Math.max(...ms_.map((m) => m.wasmBytes), ...extraWasm);
  const ack = median(ackMs);
  return [
    {
      target: `aggregate queries ≤ ${MAX_RATIO}× native DuckDB (HTTP wall clock)`,
      value: `${agg.length - slow.length} of ${agg.length} within${failed ? `, ${failed} failed` : ""}; worst answered ${worst.toFixed(1)}×`,
      pass: slow.length === 0,
    },
    { target: `wasm heap ≤ 96 MB (${WASM_BUDGET} B) on every query`, value: `max ${mb(wasm)} (${wasm} B)`, pass: wasm <= WASM_BUDGET },
    {
      target: `ack → queryable ≤ ${ACK_TARGET_MS / 1000} s`,
      value: `median ${ms(ack)} ms, max ${ms(Math.max(...ackMs))} ms over ${ackMs.length} trials`,
      pass: ackMs.length > 0 && ack <= ACK_TARGET_MS,
    },
  ];
}

/** Columns padded to their widest cell. */
export function textTable(header: string[], rows: string[][]): string {
  const widths = header.map((h, c) => Math.max(h.length, ...rows.map((r) => r[c].length)));
  const line = (r: string[]) => r.map((v, c) => v.padEnd(widths[c])).join("  ").trimEnd();
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function markdownTable(header: string[], rows: string[][]): string {
  const esc = (v: string) => v.replaceAll("|", "\\|");
  const line = (r: string[]) => `| ${r.map(esc).join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

export interface Report {
  title: string;
  /** Setup facts: sizes, ingest rate, files, how native DuckDB ran. */
  facts: string[];
  measurements: QueryMeasurement[];
  verdicts: Verdict[];
}

const verdictRows = (vs: Verdict[]) => vs.map((v) => [v.target, v.value, v.pass ? "pass" : "MISS"]);
const VERDICT_HEADER = ["target", "measured", "result"];

export function renderText(r: Report): string {
  return [
    r.title,
    ...r.facts.map((f) => `  ${f}`),
    "",
    textTable(HEADER, r.measurements.map(cells)),
    "",
    textTable(VERDICT_HEADER, verdictRows(r.verdicts)),
  ].join("\n");
}

export function renderMarkdown(r: Report): string {
  return [
    r.title,
    "",
    ...r.facts.map((f) => `- ${f}`),
    "",
    markdownTable(HEADER, r.measurements.map(cells)),
    "",
    markdownTable(VERDICT_HEADER, verdictRows(r.verdicts)),
  ].join("\n");
}

export const SECTION = "## Query engine (bench:query)";
const BEGIN = "<!-- bench:query results: written by `npm run bench:query` -->";
const END = "<!-- end of bench:query results -->";

/**
 * `doc` with the generated block of the section replaced by `block`; the section (with
 * the block) is appended if missing. Text around the block — the analysis — is kept.
 */
export function upsertResults(doc: string, block: string): string {
  const generated = `${BEGIN}\n\n${block.trim()}\n\n${END}`;
  const begin = doc.indexOf(BEGIN);
  const end = doc.indexOf(END);
  if (begin >= 0 && end > begin) return doc.slice(0, begin) + generated + doc.slice(end + END.length);
  const at = doc.indexOf(SECTION);
  if (at >= 0) {
    const afterHeading = at + SECTION.length;
    return `${doc.slice(0, afterHeading)}\n\n${generated}${doc.slice(afterHeading)}`;
  }
  return `${doc.trimEnd()}\n\n${SECTION}\n\n${generated}\n`;
}
