import { createRequire } from "node:module";
import { TABLES } from "../../core/schema.ts";
import { DUCKDB_TYPES } from "../engine/relation.ts";
import type { SqlParam } from "./sql-text.ts";

/**
 * Test support: the schema's tables in DuckDB, so golden SQL is proven to run on both
 * engines we ship to — DuckDB-WASM 1.28 (DuckDB 0.9.1, the edge and browser engine) and
 * native DuckDB (@duckdb/node-api, the reference the differential suite compares with).
 */
const DUCK_TYPES = DUCKDB_TYPES;

export function schemaDdl(): string[] {
  const out: string[] = [];
  for (const [name, cols] of Object.entries(TABLES)) {
    out.push(`CREATE TABLE "${name}" (${cols.map((c) => `"${c.name}" ${DUCK_TYPES[c.type]}`).join(", ")})`);
  }
  // A few rows so aggregates, maps and regexes actually run.
  out.push(`INSERT INTO logs (timestamp, severity_number, severity_text, body, trace_id, service_name, http_response_status_code, http_route, url_path, attributes, resource_attributes)
    VALUES ('2026-01-01 00:10:00', 17, 'ERROR', 'connection refused for user=bob', 'aaaa', 'api', 503, '/users', '/api/users.json', MAP(['retries', 'x-request-id', 'ratio', 'cached', 'when'], ['4', 'abc', '0.7', 'true', '2026-01-01 00:00:00']), MAP(['team'], ['core'])),
           ('2026-01-01 00:20:00', 9, 'INFO', 'health check ok', NULL, 'web', 200, '/health', '/health', MAP(['retries'], ['0']), MAP(['team'], ['edge'])),
           ('2025-12-31 23:59:59', 17, 'ERROR', 'outside the time range', 'zzzz', 'api', 500, '/users', '/x', MAP(['retries'], ['9']), MAP(['team'], ['core']))`);
  out.push(`INSERT INTO spans (timestamp, trace_id, span_id, name, kind, duration_ns, status_code, service_name, attributes)
    VALUES ('2026-01-01 00:10:00', 'aaaa', 'bbbb', 'GET /users/42', 'SERVER', 1500000000, 'ERROR', 'api', MAP(['foo'], ['bar'])),
           ('2026-01-01 00:11:00', 'aaaa', 'cccc', 'SELECT', 'CLIENT', 2000000, 'OK', 'db', MAP(['foo'], ['baz']))`);
  out.push(`INSERT INTO metrics (timestamp, metric_name, metric_type, value, is_monotonic, service_name, attributes)
    VALUES ('2026-01-01 00:10:00', 'http.requests', 'sum', 12.5, true, 'api', MAP(['route'], ['/users']))`);
  return out;
}

export interface Engine {
  name: string;
  run(sql: string, params: SqlParam[]): Promise<Record<string, unknown>[]>;
  close(): void;
}

export async function nativeEngine(): Promise<Engine> {
  const { DuckDBInstance } = await import("@duckdb/node-api");
  const inst = await DuckDBInstance.create(":memory:");
  const conn = await inst.connect();
  for (const s of schemaDdl()) await conn.run(s);
  return {
    name: "duckdb-native",
    async run(sql, params) {
      const reader = await conn.runAndReadAll(sql, params.length ? (params as never) : undefined);
      return reader.getRowObjectsJS() as Record<string, unknown>[];
    },
    close: () => conn.closeSync(),
  };
}

/** DuckDB-WASM 1.28 through its Node blocking bindings (same engine build as the worker). */
export async function wasmEngine(): Promise<Engine> {
  const require = createRequire(import.meta.url);
  const duckdb = require("@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs");
  const dist = require.resolve("@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm").replace(/duckdb-mvp\.wasm$/, "");
  const bundles = {
    mvp: { mainModule: dist + "duckdb-mvp.wasm", mainWorker: dist + "duckdb-node-mvp.worker.cjs" },
    eh: { mainModule: dist + "duckdb-eh.wasm", mainWorker: dist + "duckdb-node-eh.worker.cjs" },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  const conn = db.connect();
  for (const s of schemaDdl()) conn.query(s);
  return {
    name: "duckdb-wasm-0.9",
    async run(sql, params) {
      const stmt = conn.prepare(sql);
      try {
        return stmt.query(...params).toArray().map((r: { toJSON(): Record<string, unknown> }) => r.toJSON());
      } finally {
        stmt.close();
      }
    },
    close: () => conn.close(),
  };
}
