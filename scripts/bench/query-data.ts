/**
 * The datasets of `npm run bench:query` and getting them into the platform: synthetic
 * OTLP (gen.ts) sent through the real OTLP/HTTP endpoint, then flushed and compacted.
 * There is no API to create a project yet, so each dataset gets its own day in the
 * bootstrap project: a query's time range (and native DuckDB's date= folder) selects it.
 */
import { runLoad, type LoadResult, type Payload } from "./e2e.ts";
import { countRecords, genSpansRequest, newGen, RECORDS_PER_REQUEST } from "./gen.ts";
import { encodeSpansProtobuf, type ExportRequest } from "./otlp-encode.ts";
import { logsReplay } from "./replay.ts";
import { BENCH_API_KEY, postJson, type RunningServer } from "./server.ts";
import { listFiles } from "../../test/helpers/storage.ts";
import type { Signal } from "./query-cases.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface Dataset {
  label: string;
  signal: Signal;
  rows: number;
  /** Where its rows start, and the range its queries cover. */
  fromMs: number;
  toMs: number;
  /** The UTC day folder (`date=`) holding its files. */
  date: string;
  /** Native DuckDB's view over its files and range. */
  view: string;
}

const label = (rows: number) => (rows >= 1e6 ? `${+(rows / 1e6).toFixed(2)}M` : `${+(rows / 1e3).toFixed(1)}k`);

/** 1M logs, 10M logs and 1M spans (× scale), each from 01:00 UTC of its own day, days before `nowMs`. */
export function planDatasets(nowMs: number, scale: number): Dataset[] {
  const today = Math.floor(nowMs / DAY) * DAY;
  const make = (signal: Signal, base: number, daysAgo: number, view: string): Dataset => {
    const rows = Math.max(1, Math.round((base * scale) / RECORDS_PER_REQUEST)) * RECORDS_PER_REQUEST;
    const fromMs = today - daysAgo * DAY + HOUR;
    return { label: `${signal} ${label(rows)}`, signal, rows, fromMs, toMs: fromMs + 6 * HOUR, date: new Date(fromMs).toISOString().slice(0, 10), view };
  };
  return [make("logs", 1e6, 3, "logs_small"), make("logs", 1e7, 2, "logs_large"), make("spans", 1e6, 3, "spans_small")];
}

/** The dataset's requests, 1000 records each; null when all are out. */
function payloads(d: Dataset, seed: number): () => Payload | null {
  let left = d.rows / RECORDS_PER_REQUEST;
  if (d.signal === "logs") {
    const replay = logsReplay({ seed, startMs: d.fromMs, poolSize: Math.min(400, left) });
    return () => (left-- > 0 ? replay.next() : null);
  }
  // 1000 span requests are generated as they are sent (~16 ms each): no replayed
  // durations, so the slowest traces are distinct.
  const g = newGen(seed, d.fromMs);
  return () => {
    if (left-- <= 0) return null;
    const req = genSpansRequest(g);
    return { body: encodeSpansProtobuf(req), records: countRecords(req as ExportRequest<unknown>) };
  };
}

/** Sends the dataset through POST /v1/{signal} with `clients` connections, re-sending anything not acknowledged. */
export async function ingest(server: RunningServer, d: Dataset, seed: number, clients: number, log: (m: string) => void): Promise<LoadResult> {
  const source = payloads(d, seed);
  let sent = 0;
  const t0 = performance.now();
  const next = () => {
    const p = source();
    if (p) sent += p.records;
    return p;
  };
  const progress = setInterval(() => {
    const rate = sent / ((performance.now() - t0) / 1000);
    log(`${d.label}: ${sent.toLocaleString("en")} of ${d.rows.toLocaleString("en")} sent, ${Math.round(rate / 1000)}k rec/s, ~${Math.round((d.rows - sent) / rate)} s left`);
  }, 10_000);
  try {
    const headers = { authorization: `Bearer ${BENCH_API_KEY}`, "content-type": "application/x-protobuf" };
    return await runLoad({ baseUrl: server.url, path: `/v1/${d.signal === "logs" ? "logs" : "traces"}`, headers, next, clients, retry: true });
  } finally {
    clearInterval(progress);
  }
}

async function catalogRows(server: RunningServer, signal: Signal): Promise<number> {
  return (await listFiles(server.url, signal)).reduce((n, f) => n + f.rows, 0);
}

/** Flushes every buffer until the catalog holds `expected` rows per signal (or a minute passes). */
export async function flushUntil(server: RunningServer, expected: Record<Signal, number>): Promise<Record<Signal, number>> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await postJson(server, "/api/v1/admin/flush");
    const got = { logs: await catalogRows(server, "logs"), spans: await catalogRows(server, "spans") };
    if ((got.logs === expected.logs && got.spans === expected.spans) || Date.now() > deadline) return got;
    await new Promise((r) => setTimeout(r, 1000));
  }
}

export async function compact(server: RunningServer): Promise<number> {
  return (await postJson<{ merges: number }>(server, "/api/v1/admin/compact")).json.merges;
}

/** The dataset's catalogued files: how many, how big. */
export async function filesOf(server: RunningServer, d: Dataset): Promise<{ files: number; compacted: number; bytes: number; rows: number }> {
  const files = (await listFiles(server.url, d.signal)).filter((f) => f.key.includes(`/date=${d.date}/`));
  return {
    files: files.length,
    compacted: files.filter((f) => /\/c-[^/]*\.parquet$/.test(f.key)).length,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    rows: files.reduce((n, f) => n + f.rows, 0),
  };
}
