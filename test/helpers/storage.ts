/**
 * Reads back what the platform stored, through its own API: the catalog listing and
 * the Parquet objects, mirrored into a local folder with the same hive layout as the
 * bucket, so stock DuckDB can read it with read_parquet(…, hive_partitioning = true).
 */
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { DuckDBInstance } from "@duckdb/node-api";
import { authHeaders } from "./server";

export async function flush(url: string): Promise<void> {
  const res = await fetch(`${url}/api/v1/admin/flush`, { method: "POST", headers: authHeaders() });
  if (!res.ok) throw new Error(`flush failed: ${res.status} ${await res.text()}`);
}

export async function listFiles(url: string, signal: string): Promise<{ key: string; rows: number; bytes: number }[]> {
  const res = await fetch(`${url}/api/v1/storage/files?signal=${signal}`, { headers: authHeaders() });
  if (!res.ok) throw new Error(`list failed: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { files: { key: string; rows: number; bytes: number }[] }).files;
}

/**
 * Downloads every catalogued file of the signals into `dir`, keeping the object keys as
 * paths. Compaction may retire a listed file before it is downloaded (a 404); like any
 * reader of the catalog, we then list again and start over.
 */
export async function mirrorBucket(url: string, dir: string, signals = ["logs", "spans", "metrics"]): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    let n = 0;
    let retired = false;
    for (const signal of signals) {
      for (const f of await listFiles(url, signal)) {
        const res = await fetch(`${url}/api/v1/storage/objects/${f.key}`, { headers: authHeaders() });
        if (res.status === 404 && attempt < 10) {
          retired = true;
          break;
        }
        if (!res.ok) throw new Error(`download ${f.key}: ${res.status}`);
        const file = path.join(dir, f.key);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, new Uint8Array(await res.arrayBuffer()));
        n++;
      }
      if (retired) break;
    }
    if (!retired) return n;
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Runs SQL with stock DuckDB and returns rows as plain objects (BigInts kept). */
export async function duckdb(sql: string): Promise<Record<string, unknown>[]> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  try {
    const reader = await conn.runAndReadAll(sql);
    return reader.getRowObjectsJS() as Record<string, unknown>[];
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
}
