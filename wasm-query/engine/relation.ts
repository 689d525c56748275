/**
 * The FROM clause a compiled query reads: the Parquet files chosen for it, or — when no
 * file holds the time range — an empty relation with the table's columns, so the same
 * SQL answers with zero rows (and `count` with 0) instead of failing.
 *
 * File names are the engine's own (`f0.parquet`, …), never object keys, so no text from
 * storage or from the user reaches the SQL.
 */
import { type ColumnType, type Signal, TABLES } from "../../core/schema";

export const DUCKDB_TYPES: Record<ColumnType, string> = {
  string: "VARCHAR",
  int32: "INTEGER",
  int64: "BIGINT",
  float64: "DOUBLE",
  bool: "BOOLEAN",
  timestamp: "TIMESTAMP",
  map: "MAP(VARCHAR, VARCHAR)",
  list_float64: "DOUBLE[]",
  list_int64: "BIGINT[]",
};

export function fileName(i: number): string {
  return `f${i}.parquet`;
}

const SAFE_NAME = /^[A-Za-z0-9_.-]+$/;

/**
 * `unionByName` is for files of different schema versions (columns added later). It is
 * off otherwise: DuckDB 0.9 then keeps a reader open per file, ~0.3 MB each, and a batch
 * of 150 small files ran out of its 48 MB (measured by bench:query).
 */
export function parquetRelation(signal: Signal, names: string[], unionByName = false): string {
  if (names.length === 0) return emptyRelation(signal);
  for (const n of names) if (!SAFE_NAME.test(n)) throw new Error(`internal: unsafe file name ${JSON.stringify(n)}`);
  return `read_parquet([${names.map((n) => `'${n}'`).join(", ")}]${unionByName ? ", union_by_name = true" : ""})`;
}

export function emptyRelation(signal: Signal): string {
  const cols = TABLES[signal].map((c) => `CAST(NULL AS ${DUCKDB_TYPES[c.type]}) AS "${c.name}"`);
  return `(SELECT ${cols.join(", ")} LIMIT 0)`;
}
