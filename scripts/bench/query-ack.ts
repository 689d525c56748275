/**
 * Acknowledgement → queryable: one log with a unique body is sent through OTLP/HTTP;
 * from the moment its 200 arrives, `logs | where body == "<unique>" | count` is asked
 * back to back until it answers 1. Records are served from the buffers' hot tier, so
 * this needs no flush.
 */
import { randomUUID } from "node:crypto";
import { postJson, type RunningServer } from "./server.ts";

export interface AckTrial {
  ms: number;
  polls: number;
  wasmBytes: number;
}

interface QueryAnswer {
  rows: unknown[][];
  stats: { wasm_bytes: number };
}

function logRequest(body: string, timeNs: bigint): unknown {
  return {
    resourceLogs: [
      {
        resource: { attributes: [{ key: "service.name", value: { stringValue: "bench-ack" } }] },
        scopeLogs: [{ logRecords: [{ timeUnixNano: String(timeNs), severityText: "INFO", body: { stringValue: body } }] }],
      },
    ],
  };
}

export async function ackTrial(server: RunningServer, giveUpMs = 60_000): Promise<AckTrial> {
  const unique = `bench-ack-${randomUUID()}`;
  const nowMs = Date.now();
  await postJson(server, "/v1/logs", logRequest(unique, BigInt(nowMs) * 1_000_000n));
  const acked = performance.now();
  const query = { query: `logs | where body == "${unique}" | count`, from: nowMs - 600_000, to: nowMs + 600_000 };
  let wasmBytes = 0;
  for (let polls = 1; ; polls++) {
    const { json } = await postJson<QueryAnswer>(server, "/api/v1/query", query);
    wasmBytes = Math.max(wasmBytes, json.stats.wasm_bytes);
    if (Number(json.rows[0]?.[0]) === 1) return { ms: performance.now() - acked, polls, wasmBytes };
    if (performance.now() - acked > giveUpMs) throw new Error(`'${unique}' not queryable ${giveUpMs} ms after its acknowledgement`);
  }
}
