/**
 * End-to-end load: N concurrent clients POST pre-encoded OTLP protobuf requests to a
 * running server over keep-alive HTTP/1.1 connections for a fixed time, or until the
 * payloads run out. Only 200s are counted as ingested (a 200 means the batch is durable
 * in a buffer Durable Object).
 */
import http from "node:http";
import { percentile } from "./measure.ts";

export interface LoadResult {
  clients: number;
  seconds: number;
  requests: number;
  ok: number;
  records: number;
  /** Records in every 200, including requests that finished after the window. */
  acknowledged: number;
  recordsPerSec: number;
  bytesPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** status (or error name) → count, for everything but 200. */
  failures: Map<string, number>;
}

export interface Payload {
  body: Uint8Array;
  records: number;
}

/** One POST over node:http (no response timeout, unlike fetch: an admin compaction may take minutes). */
export function post(agent: http.Agent, url: URL, path: string, headers: Record<string, string>, body: Uint8Array): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { agent, host: url.hostname, port: url.port, path, method: "POST", headers: { ...headers, "content-length": String(body.byteLength) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("latin1") }));
        res.on("error", reject);
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/**
 * Runs `clients` loops for `seconds` (default: no limit); each POSTs `next()`'s payload to
 * `path` until `next()` returns null. With `retry`, a payload that was not acknowledged
 * is sent again (after a pause) instead of being skipped, so every payload lands.
 */
export async function runLoad(opts: {
  baseUrl: string;
  path: string;
  headers: Record<string, string>;
  next: () => Payload | null;
  clients: number;
  seconds?: number;
  retry?: boolean;
}): Promise<LoadResult> {
  const url = new URL(opts.baseUrl);
  const agent = new http.Agent({ keepAlive: true, maxSockets: opts.clients });
  const latencies: number[] = [];
  const failures = new Map<string, number>();
  let ok = 0;
  let requests = 0;
  let records = 0;
  let bytes = 0;
  let acknowledged = 0;
  const t0 = performance.now();
  const deadline = t0 + (opts.seconds ?? Infinity) * 1000;
  let firstFailureText: string | undefined;

  async function client(): Promise<void> {
    let p: Payload | null = null;
    while (performance.now() < deadline) {
      p ??= opts.next();
      if (!p) return;
      const start = performance.now();
      try {
        const res = await post(agent, url, opts.path, opts.headers, p.body);
        const end = performance.now();
        requests++;
        if (res.status === 200) acknowledged += p.records;
        if (end > deadline) break; // finished after the window: not counted either way
        if (res.status === 200) {
          ok++;
          records += p.records;
          bytes += p.body.byteLength;
          latencies.push(end - start);
          p = null;
        } else {
          if (!opts.retry) p = null;
          const k = String(res.status);
          failures.set(k, (failures.get(k) ?? 0) + 1);
          firstFailureText ??= `${res.status}: ${res.text.slice(0, 200)}`;
          if (res.status === 429 || res.status === 503) await new Promise((r) => setTimeout(r, 100));
        }
      } catch (err) {
        requests++;
        const k = err instanceof Error ? (err as NodeJS.ErrnoException).code ?? err.name : "error";
        failures.set(k, (failures.get(k) ?? 0) + 1);
        firstFailureText ??= String(err);
        if (!opts.retry) p = null;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  }

  await Promise.all(Array.from({ length: opts.clients }, client));
  const elapsed = (Math.min(performance.now(), deadline) - t0) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  if (firstFailureText) console.error(`  first non-200 (${opts.clients} clients): ${firstFailureText}`);
  return {
    clients: opts.clients,
    seconds: elapsed,
    requests,
    ok,
    records,
    acknowledged,
    recordsPerSec: records / elapsed,
    bytesPerSec: bytes / elapsed,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    failures,
  };
}
