/**
 * The reference: stock DuckDB (@duckdb/node-api) in this process, over a local copy of
 * the same Parquet files the API reads, one view per dataset limited to its time range.
 */
import { DuckDBInstance } from "@duckdb/node-api";
import path from "node:path";
import type { Dataset } from "./query-data.ts";

export interface Native {
  threads: string;
  version: string;
  /** Runs `sql` and reads the whole answer; `ms` is the wall clock of both. */
  run(sql: string): Promise<{ ms: number; rows: unknown[][] }>;
  close(): void;
}

/** `mirror` holds the bucket's objects under their keys (v1/{project}/{signal}/date=…/hour=…/…). */
export async function openNative(mirror: string, datasets: Dataset[]): Promise<Native> {
  const instance = await DuckDBInstance.create(":memory:");
  const conn = await instance.connect();
  for (const d of datasets) {
    const glob = path.join(mirror, "v1", "default", d.signal, `date=${d.date}`, "**", "*.parquet");
    await conn.run(
      `CREATE VIEW ${d.view} AS SELECT * FROM read_parquet('${glob}', hive_partitioning = false)
       WHERE timestamp >= make_timestamp(${d.fromMs * 1000}) AND timestamp < make_timestamp(${d.toMs * 1000})`,
    );
  }
  const setting = async (sql: string) => String((await conn.runAndReadAll(sql)).getRowsJS()[0][0]);
  return {
    threads: await setting("SELECT current_setting('threads')"),
    version: await setting("SELECT version()"),
    async run(sql) {
      const t0 = performance.now();
      const rows = (await conn.runAndReadAll(sql)).getRowsJS() as unknown[][];
      return { ms: performance.now() - t0, rows };
    },
    close() {
      conn.closeSync();
      instance.closeSync();
    },
  };
}
