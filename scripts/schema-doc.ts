/**
 * Prints the column tables of docs/schema.md from core/schema.ts, so the published
 * schema never drifts from the code (core/schema.test.ts checks it).
 * Usage: node scripts/schema-doc.ts
 */
import { TABLES, type ColumnType } from "../core/schema.ts";

const PARQUET: Record<ColumnType, string> = {
  string: "BYTE_ARRAY (UTF8) → VARCHAR",
  int32: "INT32 → INTEGER",
  int64: "INT64 → BIGINT",
  float64: "DOUBLE → DOUBLE",
  bool: "BOOLEAN → BOOLEAN",
  timestamp: "INT64 TIMESTAMP(MICROS) → TIMESTAMP",
  map: "MAP<UTF8,UTF8> → MAP(VARCHAR, VARCHAR)",
  list_float64: "LIST<DOUBLE> → DOUBLE[]",
  list_int64: "LIST<INT64> → BIGINT[]",
};

export function schemaTables(): string {
  let out = "";
  for (const [table, cols] of Object.entries(TABLES)) {
    out += `### \`${table}\`\n\n| column | Parquet → DuckDB type | OpenTelemetry source | meaning |\n| --- | --- | --- | --- |\n`;
    for (const c of cols) {
      const source = c.from ? c.from.map((k) => `\`${k}\``).join(", ") + ` (${c.scope})` : "";
      out += `| \`${c.name}\` | ${PARQUET[c.type]} | ${source} | ${c.doc} |\n`;
    }
    out += "\n";
  }
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) process.stdout.write(schemaTables());
