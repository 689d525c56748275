/**
 * The ingest benchmark proper (launched by ingest.ts, which bundles this file).
 *
 *  1. decode: records/s of the OTLP decoders (protobuf and JSON, logs and spans) next
 *     to a bare protobuf wire walk over the same bytes.
 *  2. e2e: records/s through HTTP to durable acknowledgement on a local server started
 *     as `npm start` does, with N concurrent clients; p50/p99 latency; non-200s.
 *  3. flush: rows/s of writeFlushFiles (buildTable → sortOrder → Parquet encode → column
 *     stats; R2 replaced by memory) over 50 stored batches of 1000 records: the code the
 *     buffer Durable Object runs, here in Node; each stage is also timed alone.
 *  4. bytes per record in R2: Parquet bytes / rows, from (3) and from the server's own
 *     flush after (2).
 */
import os from "node:os";
import { performance } from "node:perf_hooks";
import * as otlp from "../../workers/ingest/otlp/index.ts";
import { buildTable, SORT_KEYS, writeFlushFiles, type FlushInput } from "../../durable-objects/buffer/flush.ts";
import type { StoredBatch } from "../../durable-objects/buffer/types.ts";
import { sortOrder } from "../../core/parquet/sort.ts";
import { encodeParquetChunked } from "../../core/parquet/write.ts";
import { columnStats } from "../../core/parquet/stats.ts";
import { initParquetWasmNode } from "../../core/parquet/wasm-node.ts";
import type { TableBuilder } from "../../core/columns.ts";
import { BENCH_API_KEY, withServer, type RunningServer } from "./server.ts";
import { countRecords, genLogsRequest, genSpansRequest, newGen, RECORDS_PER_REQUEST } from "./gen.ts";
import {
  encodeLogsJson,
  encodeLogsProtobuf,
  encodeSpansJson,
  encodeSpansProtobuf,
  hex,
  type ExportRequest,
  type LogRecord,
  type Span,
} from "./otlp-encode.ts";
import { measureRate, median, renderTable, si, type Row } from "./measure.ts";
import { runLoad, type LoadResult, type Payload } from "./e2e.ts";
import { logsReplay } from "./replay.ts";
import { cpuWindow } from "./proc.ts";

type Signal = "logs" | "spans";

// ── options ───────────────────────────────────────────────────────────────────────────

const argv = new Map(
  process.argv.slice(2).map((a) => {
    const [k, v] = a.replace(/^--/, "").split("=");
    return [k, v ?? "true"] as const;
  }),
);
const only = new Set((argv.get("only") ?? "decode,e2e,flush").split(","));
const clientCounts = (argv.get("clients") ?? "4,8").split(",").map(Number);
const e2eSeconds = Number(argv.get("e2e-seconds") ?? 10);
const decodeSeconds = Number(argv.get("decode-seconds") ?? 1.5);
const poolSize = Number(argv.get("pool") ?? 400);

const TARGETS = {
  decodeLogs: 500_000,
  e2e: 150_000,
  flush: 300_000,
  bytesPerLog: 40,
  bytesPerSpan: 30,
};

const rows: Row[] = [];

const log = (msg: string) => console.error(`[bench] ${msg}`);

// ── synthetic data ────────────────────────────────────────────────────────────────────

function records<T>(req: ExportRequest<T>): { rec: T; service: string }[] {
  const out: { rec: T; service: string }[] = [];
  for (const rg of req) {
    const service = String(rg.resource.attributes.find(([k]) => k === "service.name")![1]);
    for (const sg of rg.scopes) for (const rec of sg.records) out.push({ rec, service });
  }
  return out;
}

/** Checks the decoder's view of our encoding: row counts and a few fields of a few rows. */
function verify(signal: Signal, format: string, req: ExportRequest<LogRecord> | ExportRequest<Span>, table: TableBuilder, accepted: number): string[] {
  const problems: string[] = [];
  const recs = records<LogRecord | Span>(req as ExportRequest<LogRecord | Span>);
  if (accepted !== recs.length || table.rows !== recs.length) problems.push(`${signal}/${format}: accepted ${accepted}, rows ${table.rows}, sent ${recs.length}`);
  const expectEq = (row: number, col: string, want: unknown) => {
    const got = table.row(row)[col];
    const norm = (v: unknown) => (typeof v === "bigint" ? Number(v) : v);
    if (norm(got) !== norm(want)) problems.push(`${signal}/${format} row ${row} ${col}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
  };
  const attr = (attrs: [string, unknown][], k: string) => {
    const v = attrs.find(([key]) => key === k)?.[1];
    return v && typeof v === "object" && "int" in v ? (v as { int: number }).int : v;
  };
  for (const i of [0, 1, Math.floor(recs.length / 2), recs.length - 1]) {
    if (i >= table.rows) continue;
    const { rec, service } = recs[i];
    expectEq(i, "service_name", service);
    if (signal === "logs") {
      const r = rec as LogRecord;
      expectEq(i, "timestamp", Number(r.timeNs / 1000n));
      expectEq(i, "observed_timestamp", Number(r.observedNs / 1000n));
      expectEq(i, "severity_number", r.severityNumber);
      expectEq(i, "severity_text", r.severityText);
      expectEq(i, "body", r.body);
      expectEq(i, "trace_id", r.traceId ? hex(r.traceId) : null);
      expectEq(i, "span_id", r.spanId ? hex(r.spanId) : null);
      expectEq(i, "http_route", attr(r.attributes, "http.route"));
      expectEq(i, "http_response_status_code", attr(r.attributes, "http.response.status_code"));
      expectEq(i, "user_id", attr(r.attributes, "user.id"));
      const map = table.row(i).attributes as Record<string, string>;
      if (map?.["app.tenant_id"] !== attr(r.attributes, "app.tenant_id")) problems.push(`${signal}/${format} row ${i} attributes: ${JSON.stringify(map)}`);
    } else {
      const s = rec as Span;
      expectEq(i, "timestamp", Number(s.startNs / 1000n));
      expectEq(i, "trace_id", hex(s.traceId));
      expectEq(i, "span_id", hex(s.spanId));
      expectEq(i, "parent_span_id", s.parentSpanId ? hex(s.parentSpanId) : null);
      expectEq(i, "name", s.name);
      expectEq(i, "kind", ["UNSPECIFIED", "INTERNAL", "SERVER", "CLIENT", "PRODUCER", "CONSUMER"][s.kind]);
      expectEq(i, "duration_ns", Number(s.endNs - s.startNs));
      expectEq(i, "status_code", ["UNSET", "OK", "ERROR"][s.statusCode]);
    }
  }
  return problems;
}

interface Corpus {
  logs: { reqs: ExportRequest<LogRecord>[]; pb: Uint8Array[]; json: string[] };
  spans: { reqs: ExportRequest<Span>[]; pb: Uint8Array[]; json: string[] };
}

function corpus(n: number, seed: number, startMs: number, withJson: boolean): Corpus {
  const gl = newGen(seed, startMs);
  const gs = newGen(seed + 1, startMs);
  const logs = Array.from({ length: n }, () => genLogsRequest(gl));
  const spans = Array.from({ length: n }, () => genSpansRequest(gs));
  return {
    logs: { reqs: logs, pb: logs.map(encodeLogsProtobuf), json: withJson ? logs.map(encodeLogsJson) : [] },
    spans: { reqs: spans, pb: spans.map(encodeSpansProtobuf), json: withJson ? spans.map(encodeSpansJson) : [] },
  };
}

const avgBytes = (xs: { length: number }[]) => xs.reduce((a, x) => a + x.length, 0) / xs.length / RECORDS_PER_REQUEST;

// ── 1. decode ─────────────────────────────────────────────────────────────────────────

function benchDecode(c: Corpus): void {
  log("decode: verifying the encoder against the decoders");
  const problems: string[] = [];
  for (const signal of ["logs", "spans"] as const) {
    const set = c[signal];
    for (let k = 0; k < 2; k++) {
      const pb = otlp.decodeProtobuf(signal, set.pb[k]);
      problems.push(...verify(signal, "protobuf", set.reqs[k], pb.table, pb.accepted));
      const js = otlp.decodeJson(signal, set.json[k]);
      problems.push(...verify(signal, "json", set.reqs[k], js.table, js.accepted));
      const walked = otlp.countProtobufRecords(signal, set.pb[k]);
      if (walked !== countRecords(set.reqs[k] as ExportRequest<unknown>)) problems.push(`${signal}: countProtobufRecords ${walked}`);
    }
  }
  if (problems.length) {
    for (const p of problems.slice(0, 20)) log(`  MISMATCH ${p}`);
    rows.push({ measurement: "encoder ↔ decoder check", value: `${problems.length} bad`, notes: problems[0] });
  }

  const runs = 5;
  const opts = { warmupMs: 500, runMs: (decodeSeconds * 1000) / runs, runs };
  const walk: Record<Signal, number> = { logs: 0, spans: 0 };
  for (const signal of ["logs", "spans"] as const) {
    const set = c[signal];
    log(`decode: ${signal} wire walk`);
    walk[signal] = measureRate((i) => otlp.countProtobufRecords(signal, set.pb[i % set.pb.length]), opts).median;
  }
  for (const format of ["protobuf", "json"] as const) {
    for (const signal of ["logs", "spans"] as const) {
      const set = c[signal];
      log(`decode: ${format} ${signal}`);
      const r =
        format === "protobuf"
          ? measureRate((i) => otlp.decodeProtobuf(signal, set.pb[i % set.pb.length]).accepted, opts)
          : measureRate((i) => otlp.decodeJson(signal, set.json[i % set.json.length]).accepted, opts);
      const bytesPerRec = format === "protobuf" ? avgBytes(set.pb) : avgBytes(set.json);
      const ratio = r.median / walk[signal];
      rows.push({
        measurement: `decode ${format} ${signal}`,
        value: `${si(r.median)} rec/s`,
        // The decode target is for the OTLP default, protobuf; JSON is reported alongside.
        target: signal === "logs" && format === "protobuf" ? `≥ ${si(TARGETS.decodeLogs)} rec/s` : undefined,
        pass: signal === "logs" && format === "protobuf" ? r.median >= TARGETS.decodeLogs : undefined,
        notes: `${((r.median * bytesPerRec) / 1e6).toFixed(0)} MB/s of ${bytesPerRec.toFixed(0)} B/rec; decode/walk ${ratio.toFixed(3)} (${(1 / ratio).toFixed(1)}× the walk's time); runs ${r.runs.map(si).join(" ")}`,
      });
    }
  }
  for (const signal of ["logs", "spans"] as const) {
    rows.push({
      measurement: `protobuf wire walk ${signal}`,
      value: `${si(walk[signal])} rec/s`,
      notes: `countProtobufRecords over the same bytes (${avgBytes(c[signal].pb).toFixed(0)} B/rec)`,
    });
  }
}

// ── 3 + 4. flush and bytes per record ────────────────────────────────────────────────

const FLUSH_BATCHES = 50;

/**
 * Times `writeFlushFiles` — exactly what the buffer Durable Object runs on a flush
 * (buildTable → sortOrder → split by hour → Parquet encode → column stats) — with an
 * in-memory bucket, then each stage alone for the breakdown.
 */
async function benchFlush(signal: Signal, batches: StoredBatch[]): Promise<{ rowsPerSec: number; bytesPerRow: number; rows: number }> {
  log(`flush: ${signal}, ${batches.length} batches`);
  const expected = batches.length * RECORDS_PER_REQUEST;
  const totals: number[] = [];
  let written = { rows: 0, bytes: 0, files: 0 };
  for (let run = 0; run < 6; run++) {
    const objects = new Map<string, number>();
    const bucket = {
      put: async (key: string, value: Uint8Array) => {
        objects.set(key, value.byteLength);
        return null;
      },
    } as unknown as FlushInput["bucket"];
    const t0 = performance.now();
    const out = await writeFlushFiles({ projectId: "bench", signal, fileStem: `run${run}`, batches, bucket, knownKeys: async () => [] });
    const t1 = performance.now();
    written = { rows: out.files.reduce((a, f) => a + f.rows, 0), bytes: out.files.reduce((a, f) => a + f.bytes, 0), files: out.files.length };
    if (run > 0) totals.push(t1 - t0); // run 0 warms up
  }
  if (written.rows !== expected) {
    rows.push({ measurement: `flush ${signal}`, value: "error", notes: `writeFlushFiles wrote ${written.rows} rows from ${expected} records` });
    return { rowsPerSec: NaN, bytesPerRow: NaN, rows: written.rows };
  }

  const stages = { build: [] as number[], sort: [] as number[], encode: [] as number[], stats: [] as number[] };
  for (let run = 0; run < 4; run++) {
    const t0 = performance.now();
    const { table } = buildTable(signal, batches);
    const t1 = performance.now();
    const order = sortOrder(table, SORT_KEYS[signal]);
    const t2 = performance.now();
    await encodeParquetChunked(table, { rows: order });
    const t3 = performance.now();
    columnStats(table, order);
    const t4 = performance.now();
    if (run === 0) continue;
    stages.build.push(t1 - t0);
    stages.sort.push(t2 - t1);
    stages.encode.push(t3 - t2);
    stages.stats.push(t4 - t3);
  }
  const total = median(totals);
  const rowsPerSec = (written.rows * 1000) / total;
  const ms = (xs: number[]) => median(xs).toFixed(0);
  rows.push({
    measurement: `flush ${signal} (writeFlushFiles)`,
    value: `${si(rowsPerSec)} rows/s`,
    target: `≥ ${si(TARGETS.flush)} rows/s`,
    pass: rowsPerSec >= TARGETS.flush,
    notes: `${written.rows} rows → ${written.files} file(s) in ${total.toFixed(0)} ms; alone: buildTable ${ms(stages.build)}, sortOrder ${ms(stages.sort)}, encodeParquetChunked ${ms(stages.encode)}, columnStats ${ms(stages.stats)} ms`,
  });
  return { rowsPerSec, bytesPerRow: written.bytes / written.rows, rows: written.rows };
}

// ── 2. end to end ─────────────────────────────────────────────────────────────────────

async function benchE2E(): Promise<void> {
  log(`e2e: generating ${poolSize} log requests`);
  const t = performance.now();
  const { next, poolBytes } = logsReplay({ seed: 7, startMs: Date.now(), poolSize });
  log(`e2e: pool ready in ${((performance.now() - t) / 1000).toFixed(1)} s (${(poolBytes / 1e6).toFixed(0)} MB); starting the server`);

  let started = false;
  try {
    await withServer(async (server) => {
      started = true;
      await loadServer(server, next);
      log("e2e: stopping the server");
    });
  } catch (err) {
    if (started) throw err;
    const msg = err instanceof Error ? err.message : String(err);
    log(`e2e: the server did not start:\n${msg.slice(-3000)}`);
    rows.push({ measurement: "e2e", value: "error", notes: `server did not start: ${/Uncaught [^\n]*|ERROR[^\n]*/.exec(msg)?.[0] ?? msg.slice(0, 160)}` });
  }
}

async function loadServer(server: RunningServer, next: () => Payload): Promise<void> {
  const headers = { authorization: `Bearer ${BENCH_API_KEY}`, "content-type": "application/x-protobuf" };
  let sent = 0;
  try {
    log("e2e: warm-up (3 s, 4 clients, not counted)");
    const warm = await runLoad({ baseUrl: server.url, path: "/v1/logs", headers, next, clients: 4, seconds: 3 });
    sent += warm.acknowledged;

    // A short burst right after emptying the buffers: the ingest path alone, before any
    // size-triggered flush (16 MiB per shard) competes for the same workerd.
    const auth = { authorization: headers.authorization };
    const emptied = await fetch(`${server.url}/api/v1/admin/flush`, { method: "POST", headers: auth });
    if (!emptied.ok) throw new Error(`admin flush: ${emptied.status} ${await emptied.text()}`);
    const burstClients = Math.max(...clientCounts);
    log(`e2e: burst, ${burstClients} clients for 2 s on empty buffers`);
    const burstCpu = cpuWindow(server.stateDir);
    const burst = await runLoad({ baseUrl: server.url, path: "/v1/logs", headers, next, clients: burstClients, seconds: 2 });
    const burstCpuUse = burstCpu.stop();
    sent += burst.acknowledged;
    rows.push({
      measurement: `e2e burst, ${burstClients} clients, no flush`,
      value: `${si(burst.recordsPerSec)} rec/s`,
      notes: `2 s right after emptying the buffers (ingest path only); p50 ${burst.p50Ms.toFixed(1)} ms, p99 ${burst.p99Ms.toFixed(1)} ms; CPU cores: ${burstCpuUse || "n/a"}`,
    });

    const results: LoadResult[] = [];
    const cpuUse = new Map<LoadResult, string>();
    for (const clients of clientCounts) {
      log(`e2e: ${clients} clients for ${e2eSeconds} s`);
      const cpu = cpuWindow(server.stateDir);
      const r = await runLoad({ baseUrl: server.url, path: "/v1/logs", headers, next, clients, seconds: e2eSeconds });
      cpuUse.set(r, cpu.stop());
      sent += r.acknowledged;
      results.push(r);
    }
    const best = Math.max(...results.map((r) => r.recordsPerSec));
    for (const r of results) {
      const fails = [...r.failures].map(([k, v]) => `${k}×${v}`).join(", ") || "none";
      rows.push({
        measurement: `e2e protobuf logs, ${r.clients} clients`,
        value: `${si(r.recordsPerSec)} rec/s`,
        target: `≥ ${si(TARGETS.e2e)} rec/s`,
        pass: r.recordsPerSec >= TARGETS.e2e,
        notes: `p50 ${r.p50Ms.toFixed(1)} ms, p99 ${r.p99Ms.toFixed(1)} ms; ${r.ok} × 200 of ${r.requests} requests in ${r.seconds.toFixed(1)} s; ${(r.bytesPerSec / 1e6).toFixed(1)} MB/s; non-200: ${fails}; CPU cores: ${cpuUse.get(r) || "n/a"}`,
      });
    }
    log(`e2e: best ${si(best)} rec/s; flushing the server's buffers`);

    // 4b. bytes per record from the server's own flush (and how fast workerd flushes).
    const stats = await fetch(`${server.url}/api/v1/admin/buffers`, { headers: auth });
    const logBuffers = stats.ok ? ((await stats.json()) as { buffers: { signal: string; records: number }[] }).buffers.filter((b) => b.signal === "logs") : [];
    const pending = logBuffers.reduce((a, b) => a + b.records, 0);
    const tf = performance.now();
    const flush = await fetch(`${server.url}/api/v1/admin/flush`, { method: "POST", headers: auth });
    const flushMs = performance.now() - tf;
    if (!flush.ok) throw new Error(`admin flush: ${flush.status} ${await flush.text()}`);
    rows.push({
      measurement: "flush logs in workerd (admin flush)",
      value: `${si((pending * 1000) / flushMs)} rows/s`,
      notes: `${pending} buffered records in ${logBuffers.length} shards flushed in ${flushMs.toFixed(0)} ms (wall time of POST /api/v1/admin/flush)`,
    });
    const res = await fetch(`${server.url}/api/v1/storage/files?signal=logs`, { headers: auth });
    if (!res.ok) throw new Error(`storage files: ${res.status} ${await res.text()}`);
    const { files } = (await res.json()) as { files: { rows: number; bytes: number }[] };
    const fileRows = files.reduce((a, f) => a + f.rows, 0);
    const fileBytes = files.reduce((a, f) => a + f.bytes, 0);
    const perRow = fileRows > 0 ? fileBytes / fileRows : NaN;
    rows.push({
      measurement: "R2 bytes/log record (server flush)",
      value: fileRows > 0 ? `${perRow.toFixed(1)} B` : "no rows",
      target: `≤ ${TARGETS.bytesPerLog} B`,
      pass: fileRows > 0 ? perRow <= TARGETS.bytesPerLog : undefined,
      notes: `${files.length} files, ${fileRows} rows (${sent} acknowledged), ${(fileBytes / 1e6).toFixed(1)} MB; ${poolSize}-request pool replayed with shifted times and ids`,
    });
    if (fileRows !== sent) log(`e2e: WARNING: catalog has ${fileRows} rows, ${sent} were acknowledged`);
  } catch (err) {
    log(`e2e failed: ${err instanceof Error ? err.stack : String(err)}`);
    log(`server output (tail):\n${server.output().slice(-4000)}`);
    rows.push({ measurement: "e2e", value: "error", notes: String(err).slice(0, 200) });
  }
}

// ── main ──────────────────────────────────────────────────────────────────────────────

async function main(): Promise<void> {
  initParquetWasmNode();
  const loadAtStart = os.loadavg().map((x) => x.toFixed(2)).join(" ");
  const began = performance.now();
  log("generating synthetic data");
  const startMs = Date.now();
  const small = corpus(20, 1, startMs, true);
  const sizes = `${RECORDS_PER_REQUEST} records/request; protobuf ${avgBytes(small.logs.pb).toFixed(0)} B/log, ${avgBytes(small.spans.pb).toFixed(0)} B/span; JSON ${avgBytes(small.logs.json).toFixed(0)} B/log, ${avgBytes(small.spans.json).toFixed(0)} B/span`;

  if (only.has("decode")) benchDecode(small);

  if (only.has("flush")) {
    const big = corpus(FLUSH_BATCHES, 11, startMs, false);
    const toBatches = (pbs: Uint8Array[]): StoredBatch[] => pbs.map((payload, i) => ({ id: i + 1, receivedAtMs: startMs, format: "protobuf", payload }));
    const fl = await benchFlush("logs", toBatches(big.logs.pb));
    const fs = await benchFlush("spans", toBatches(big.spans.pb));
    if (fl.rows > 0) rows.push({
      measurement: "R2 bytes/log record (Node flush)",
      value: `${fl.bytesPerRow.toFixed(1)} B`,
      target: `≤ ${TARGETS.bytesPerLog} B`,
      pass: fl.bytesPerRow <= TARGETS.bytesPerLog,
      notes: `Parquet bytes written by the flush above / rows (input ${avgBytes(big.logs.pb).toFixed(0)} B/rec protobuf)`,
    });
    if (fs.rows > 0) rows.push({
      measurement: "R2 bytes/span (Node flush)",
      value: `${fs.bytesPerRow.toFixed(1)} B`,
      target: `≤ ${TARGETS.bytesPerSpan} B`,
      pass: fs.bytesPerRow <= TARGETS.bytesPerSpan,
      notes: `Parquet bytes written by the flush above / rows (input ${avgBytes(big.spans.pb).toFixed(0)} B/rec protobuf)`,
    });
  }

  if (only.has("e2e")) await benchE2E();

  const order = ["encoder", "decode protobuf", "decode json", "protobuf wire", "e2e", "flush", "R2"];
  const rank = (r: Row) => {
    const i = order.findIndex((p) => r.measurement.startsWith(p));
    return i < 0 ? order.length : i;
  };
  rows.sort((a, b) => rank(a) - rank(b));
  const machine = `${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? "?"}), load average at start ${loadAtStart}`;
  const title = `Monoscope Edge ingest benchmark — Node ${process.version}, ${new Date().toISOString()}, ${((performance.now() - began) / 1000).toFixed(0)} s\n${machine}\n${sizes}`;
  console.log(renderTable(title, rows));
}

await main();
