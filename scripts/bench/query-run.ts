/**
 * The query benchmark proper (launched by query.ts, which bundles this file).
 *
 *  1. Data: 1M logs, 10M logs and 1M spans (× --scale), each on its own day, sent
 *     through OTLP/HTTP to a local server started as `npm start` does, then flushed
 *     and compacted.
 *  2. Queries (query-cases.ts) through POST /api/v1/query and, as hand-written SQL, on
 *     native DuckDB over a local copy of the same files: median of --runs after one
 *     warm-up each, R2 bytes, wasm heap, fan-out batches, and whether the answers agree.
 *  3. Acknowledgement → queryable for single records (query-ack.ts).
 * Prints the table and writes it into docs/benchmarks.md (unless --no-docs).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { mirrorBucket } from "../../test/helpers/storage.ts";
import { median, si } from "./measure.ts";
import { ackTrial, type AckTrial } from "./query-ack.ts";
import { CASES, type QueryCase } from "./query-cases.ts";
import { columnSum, compareAnswers } from "./query-compare.ts";
import { compact, filesOf, flushUntil, ingest, planDatasets, type Dataset } from "./query-data.ts";
import { openNative, type Native } from "./query-native.ts";
import { renderMarkdown, renderText, upsertResults, verdicts, type QueryMeasurement, type Report } from "./query-report.ts";
import { postJson, withServer, type RunningServer } from "./server.ts";

// ── options ───────────────────────────────────────────────────────────────────────────

const args = process.argv.slice(2);
const argv = new Map(
  args.map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"] as const;
  }),
);
/** --rows=N sizes the "1M" datasets (and the 10M one to 10N); --scale or QUERY_BENCH_SCALE multiplies all. */
const scale = argv.has("rows") ? Number(argv.get("rows")) / 1e6 : Number(argv.get("scale") ?? process.env.QUERY_BENCH_SCALE ?? 1);
const runs = Number(argv.get("runs") ?? 5);
const ackTrials = Number(argv.get("ack-trials") ?? 10);
const clients = Number(argv.get("clients") ?? 4);
const writeDocs = !argv.has("no-docs");

const log = (msg: string) => console.error(`[bench:query] ${msg}`);
const secs = (t0: number) => (performance.now() - t0) / 1000;
const mb = (n: number) => `${(n / 1e6).toFixed(1)} MB`;
const duration = (s: number) => (s < 120 ? `${s.toFixed(0)} s` : `${(s / 60).toFixed(0)} min`);

// ── one query, both engines ───────────────────────────────────────────────────────────

interface ApiAnswer {
  columns: { name: string }[];
  rows: unknown[][];
  stats: { files: number; bytes_fetched: number; batches: number; approximate: boolean; wasm_bytes: number; ms: number };
  error?: string;
  code?: string;
}

async function measureCase(server: RunningServer, native: Native, d: Dataset, c: QueryCase): Promise<QueryMeasurement> {
  const m: QueryMeasurement = {
    dataset: d.label, query: c.name, aggregate: c.aggregate, httpMs: [], engineMs: [], nativeMs: [],
    bytesFetched: 0, wasmBytes: 0, batches: 0, files: 0, agreement: { ok: false, note: "no answer" },
  };
  let answer: ApiAnswer | undefined;
  for (let run = 0; run <= runs; run++) {
    const t0 = performance.now();
    const { status, json } = await postJson<ApiAnswer>(server, "/api/v1/query", { query: c.query, from: d.fromMs, to: d.toMs }, true);
    const wall = performance.now() - t0;
    if (status !== 200) {
      log(`  ${run === 0 ? "warm-up" : `run ${run}`}: ${status} ${json.code ?? ""} ${json.error ?? ""} after ${wall.toFixed(0)} ms`);
      if (run === 0) continue;
      m.error = `HTTP ${status} ${json.code ?? ""} after ${(wall / 1000).toFixed(1)} s`;
      break;
    }
    answer = json;
    m.wasmBytes = Math.max(m.wasmBytes, json.stats.wasm_bytes);
    if (run === 0) continue;
    m.httpMs.push(wall);
    m.engineMs.push(json.stats.ms);
    Object.assign(m, { bytesFetched: json.stats.bytes_fetched, batches: json.stats.batches, files: json.stats.files });
  }
  let nativeRows: unknown[][] = [];
  for (let run = 0; run <= runs; run++) {
    const r = await native.run(c.sql(d.view));
    if (run > 0) m.nativeMs.push(r.ms);
    nativeRows = r.rows;
  }
  if (answer && !m.error) {
    m.agreement = compareAnswers(c.check, answer.rows, nativeRows, { approximate: answer.stats.approximate, columns: answer.columns.map((x) => x.name) });
    if (c.countColumn !== undefined) {
      const sum = columnSum(answer.rows, c.countColumn);
      m.agreement = sum === d.rows
        ? { ...m.agreement, note: `${m.agreement.note}; counts sum to the ${si(d.rows)} rows sent` }
        : { ok: false, note: `${m.agreement.note}; counts sum to ${sum}, ${d.rows} were sent` };
    }
  }
  log(`  ours ${median(m.httpMs).toFixed(0)} ms (engine ${median(m.engineMs).toFixed(0)}), native ${median(m.nativeMs).toFixed(0)} ms, ${m.batches} batches; ${m.agreement.note}`);
  return m;
}

// ── the run ───────────────────────────────────────────────────────────────────────────

async function bench(server: RunningServer, datasets: Dataset[], facts: string[]): Promise<{ measurements: QueryMeasurement[]; acks: AckTrial[] }> {
  for (const [i, d] of datasets.entries()) {
    log(`ingest: ${d.label} (${d.date})`);
    const r = await ingest(server, d, 11 + i, clients, log);
    const fails = [...r.failures].map(([k, v]) => `${k}×${v}`).join(", ");
    facts.push(`${d.label}: sent through OTLP/HTTP in ${r.seconds.toFixed(0)} s (${si(r.recordsPerSec)} rec/s, ${clients} clients${fails ? `; re-sent after ${fails}` : ""})`);
  }
  const want = { logs: 0, spans: 0 };
  for (const d of datasets) want[d.signal] += d.rows;
  let t0 = performance.now();
  log("flush");
  const got = await flushUntil(server, want);
  if (got.logs !== want.logs || got.spans !== want.spans) throw new Error(`catalog holds ${JSON.stringify(got)} rows after flushing, ${JSON.stringify(want)} were sent`);
  const flushed = secs(t0);
  t0 = performance.now();
  log("compact");
  const merges = await compact(server);
  facts.push(`after the last request: flush ${flushed.toFixed(0)} s, compaction ${secs(t0).toFixed(0)} s (${merges} merges); the catalog holds every row sent`);
  for (const d of datasets) {
    const f = await filesOf(server, d);
    facts.push(`${d.label}: ${f.files} Parquet file${f.files === 1 ? "" : "s"} (${f.compacted} made by compaction), ${mb(f.bytes)}, ${(f.bytes / f.rows).toFixed(1)} B/row`);
  }

  const mirror = mkdtempSync(path.join(os.tmpdir(), "monoscope-query-bench-"));
  const measurements: QueryMeasurement[] = [];
  try {
    t0 = performance.now();
    log("copying the files for native DuckDB");
    const n = await mirrorBucket(server.url, mirror, ["logs", "spans"]);
    log(`  ${n} files in ${secs(t0).toFixed(0)} s`);
    const native = await openNative(mirror, datasets);
    facts.push(`native: DuckDB ${native.version} (@duckdb/node-api), ${native.threads} threads, in process, over a local copy of the same files; ours: DuckDB-WASM 1.28 in workerd (one thread) behind \`wrangler dev\`, files in its local R2`);
    try {
      for (const d of datasets) {
        for (const c of CASES.filter((x) => x.signal === d.signal)) {
          log(`query: ${d.label} — ${c.name}`);
          measurements.push(await measureCase(server, native, d, c));
        }
      }
    } finally {
      native.close();
    }
  } finally {
    rmSync(mirror, { recursive: true, force: true });
  }

  const acks: AckTrial[] = [];
  log(`ack → queryable: ${ackTrials} trials`);
  for (let i = 0; i < ackTrials; i++) acks.push(await ackTrial(server));
  log(`  ${acks.map((a) => `${a.ms.toFixed(0)} ms/${a.polls}`).join(", ")}`);
  return { measurements, acks };
}

async function main(): Promise<void> {
  const began = performance.now();
  const started = new Date();
  const load = os.loadavg().map((x) => x.toFixed(1)).join(" ");
  const datasets = planDatasets(Date.now(), scale);
  const facts: string[] = [];
  log(`datasets: ${datasets.map((d) => `${d.label} on ${d.date}`).join(", ")}; starting the server`);
  const { measurements, acks } = await withServer((server) => bench(server, datasets, facts));

  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model.trim() ?? "?"}), ${Math.round(os.totalmem() / 2 ** 30)} GB, Node ${process.version}, load average at start ${load}`;
  const command = `npm run bench:query${args.length ? ` -- ${args.join(" ")}` : ""}`;
  facts.unshift(`machine: ${machine}`);
  facts.push(`ack → queryable: ${acks.length} single-log trials, ${acks.map((a) => `${a.ms.toFixed(0)} ms`).join(", ")} (polls until 1: ${acks.map((a) => a.polls).join(", ")})`);
  const report: Report = {
    title: `Run of ${started.toISOString().slice(0, 16).replace("T", " ")} UTC: \`${command}\`, ${duration(secs(began))} in all`,
    facts,
    measurements,
    verdicts: verdicts(measurements, acks.map((a) => a.ms), acks.map((a) => a.wasmBytes)),
  };
  console.log(renderText(report));
  if (writeDocs) {
    const file = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../docs/benchmarks.md");
    writeFileSync(file, upsertResults(readFileSync(file, "utf8"), renderMarkdown(report)));
    log("results written to docs/benchmarks.md");
  }
}

await main();
