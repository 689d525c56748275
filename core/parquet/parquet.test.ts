/**
 * Parquet round trips in Node: TableBuilder → encodeParquet → (a) readParquetInto and
 * (b) stock DuckDB, for every signal, with nulls, unicode, maps, lists, large ints,
 * row permutations/selections, several row groups and an older schema.
 */
import { DUCKDB_TYPES } from "../../wasm-query/engine/relation";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { parquetMetadata } from "hyparquet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TableBuilder } from "../columns";
import { SIGNALS, TABLES, type Signal } from "../schema";
import { appendRow, makeTable, type Row } from "./fixtures";
import { readParquetInto } from "./read";
import { initParquetWasmNode } from "./wasm-node";
import { encodeParquet, encodeParquetChunked } from "./write";

/** Rows that stress the edges: all-null, empty strings, unicode, extreme ints, empty/null lists and maps. */
function edgeRows(signal: Signal): Row[] {
  const allNull: Row = {};
  const full: Row = {};
  for (const def of TABLES[signal]) {
    switch (def.type) {
      case "string":
        full[def.name] = def.name === "body" ? "emoji 🎉 ünïcödé 中文 \u0000 nul\nnewline" : "";
        break;
      case "int32":
        full[def.name] = -2147483648;
        break;
      case "int64":
        full[def.name] = Number.MAX_SAFE_INTEGER;
        break;
      case "float64":
        full[def.name] = -1.5e-300;
        break;
      case "bool":
        full[def.name] = false;
        break;
      case "timestamp":
        full[def.name] = -1; // 1969-12-31T23:59:59.999999
        break;
      case "map":
        full[def.name] = { "": "", "k\u00e9y": null, "🔑": "välue" };
        break;
      case "list_float64":
        full[def.name] = [];
        break;
      case "list_int64":
        full[def.name] = [-(2 ** 40), 0, 2 ** 53 - 1];
        break;
    }
  }
  return [allNull, full];
}

function build(signal: Signal, n: number): TableBuilder {
  const table = makeTable(signal, n);
  for (const row of edgeRows(signal)) appendRow(table, row);
  return table;
}

function readBack(bytes: Uint8Array, signal: Signal, defs = TABLES[signal]): TableBuilder {
  const table = new TableBuilder(signal, defs);
  expect(readParquetInto(bytes, table)).toBe(table.rows);
  return table;
}

let dir: string;
let duck: DuckDBConnection;
beforeAll(async () => {
  initParquetWasmNode();
  dir = mkdtempSync(join(tmpdir(), "monoscope-parquet-"));
  duck = await (await DuckDBInstance.create(":memory:")).connect();
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(bytes: Uint8Array, name: string): string {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

describe.each(SIGNALS)("%s", (signal) => {
  const table = build(signal, 3000);

  it("round-trips every row through readParquetInto", () => {
    const back = readBack(encodeParquet(table), signal);
    expect(back.rows).toBe(table.rows);
    for (let i = 0; i < table.rows; i++) expect(back.row(i), `row ${i}`).toEqual(table.row(i));
  });

  it("writes the rows given, in the order given", () => {
    const rows = new Int32Array([table.rows - 1, 5, 4, 3, 0, table.rows - 2, 1000, 1001, 1002, 7]);
    const back = readBack(encodeParquet(table, { rows }), signal);
    expect(back.rows).toBe(rows.length);
    rows.forEach((r, i) => expect(back.row(i)).toEqual(table.row(r)));
  });

  it("writes the same rows through the chunked (memory-bounded) writer", async () => {
    const rows = new Int32Array(table.rows).map((_, i) => table.rows - 1 - i);
    for (const opts of [{ chunkRows: 256 }, { rows, chunkRows: 1000, rowGroupSize: 1500 }]) {
      const bytes = await encodeParquetChunked(table, opts);
      const back = readBack(bytes, signal);
      expect(back.rows).toBe(table.rows);
      for (let i = 0; i < table.rows; i++) expect(back.row(i)).toEqual(table.row(opts.rows ? opts.rows[i] : i));
      const path = file(bytes, `${signal}-chunked.parquet`);
      const [{ n }] = (await duck.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`)).getRowObjectsJS();
      expect(n).toBe(table.rows);
    }
  });

  it("splits row groups and reads them all back", () => {
    const bytes = encodeParquet(table, { rowGroupSize: 700 });
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(meta.row_groups.map((g) => Number(g.num_rows))).toEqual([700, 700, 700, 700, 202]);
    const back = readBack(bytes, signal);
    for (let i = 0; i < table.rows; i += 97) expect(back.row(i)).toEqual(table.row(i));
    expect(back.row(table.rows - 1)).toEqual(table.row(table.rows - 1));
  });

  it("is read by stock DuckDB with the published types and values", async () => {
    const path = file(encodeParquet(table), `${signal}.parquet`);
    const described = (await duck.runAndReadAll(`DESCRIBE SELECT * FROM read_parquet('${path}')`)).getRowObjectsJS();
    const expected = DUCKDB_TYPES;
    expect(described.map((d) => [d.column_name, d.column_type])).toEqual(TABLES[signal].map((d) => [d.name, expected[d.type]]));

    // Every value, converted to comparable JS by DuckDB itself.
    const select = TABLES[signal]
      .map((d) =>
        d.type === "timestamp"
          ? `epoch_us("${d.name}")::DOUBLE AS "${d.name}"`
          : d.type === "int64"
            ? `"${d.name}"::DOUBLE AS "${d.name}"`
            : d.type === "list_int64"
              ? `"${d.name}"::DOUBLE[] AS "${d.name}"`
              : d.type === "bool"
                ? `"${d.name}"::INTEGER AS "${d.name}"`
                : `"${d.name}"`,
      )
      .join(", ");
    const got = (await duck.runAndReadAll(`SELECT ${select} FROM read_parquet('${path}')`)).getRowObjectsJS();
    expect(got.length).toBe(table.rows);
    for (let i = 0; i < table.rows; i++) {
      const want = table.row(i);
      const row = got[i] as Record<string, unknown>;
      for (const def of TABLES[signal]) {
        let v = row[def.name];
        if (def.type === "map") v = Object.fromEntries((v as { key: string; value: string | null }[]).map((e) => [e.key, e.value]));
        expect(v, `${def.name} row ${i}`).toEqual(want[def.name]);
      }
    }
  });
});

describe("schema evolution", () => {
  it("fills columns an older file lacks with nulls and empty maps", () => {
    const old = TABLES.logs.filter((d) => !["event_name", "user_id", "attributes"].includes(d.name));
    const table = new TableBuilder("logs", old);
    const source = build("logs", 200);
    for (let i = 0; i < source.rows; i++) appendRow(table, source.row(i));
    const back = readBack(encodeParquet(table), "logs");
    for (let i = 0; i < back.rows; i++) {
      const row = back.row(i);
      expect(row.event_name).toBeNull();
      expect(row.user_id).toBeNull();
      expect(row.attributes).toEqual({});
      expect(row.body).toEqual(source.row(i).body);
      expect(row.resource_attributes).toEqual(source.row(i).resource_attributes);
    }
  });

  it("appends to a table that already has rows", () => {
    const a = build("metrics", 100);
    const b = build("metrics", 50);
    const into = build("metrics", 100);
    readParquetInto(encodeParquet(b), into);
    expect(into.rows).toBe(a.rows + b.rows);
    expect(into.row(a.rows + 10)).toEqual(b.row(10));
    expect(into.row(a.rows + b.rows - 1)).toEqual(b.row(b.rows - 1));
    expect(into.row(3)).toEqual(a.row(3));
  });
});

describe("edge cases", () => {
  it("writes and reads an empty table", async () => {
    for (const bytes of [encodeParquet(new TableBuilder("logs")), await encodeParquetChunked(new TableBuilder("logs"))]) {
      expect(readBack(bytes, "logs").rows).toBe(0);
      const path = file(bytes, "empty.parquet");
      const [{ n }] = (await duck.runAndReadAll(`SELECT count(*)::INTEGER AS n FROM read_parquet('${path}')`)).getRowObjectsJS();
      expect(n).toBe(0);
    }
  });

  it("rejects row indices out of range", async () => {
    const table = build("logs", 10);
    expect(() => encodeParquet(table, { rows: Int32Array.of(0, 12) })).toThrow(RangeError);
    await expect(encodeParquetChunked(table, { rows: Int32Array.of(-1) })).rejects.toThrow(RangeError);
  });
});

describe("file metadata", () => {
  it("uses zstd, dictionaries for repetitive columns and statistics for pruning columns", () => {
    const bytes = encodeParquet(makeTable("spans", 2000));
    const meta = parquetMetadata(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
    expect(meta.key_value_metadata?.find((k) => k.key === "monoscope.signal")?.value).toBe("spans");
    const cols = new Map(meta.row_groups[0].columns.map((c) => [c.meta_data!.path_in_schema.join("."), c.meta_data!]));
    for (const c of cols.values()) expect(c.codec).toBe("ZSTD");
    expect(cols.get("service_name")!.encodings).toContain("RLE_DICTIONARY");
    expect(cols.get("span_id")!.encodings).not.toContain("RLE_DICTIONARY");
    expect(cols.get("span_id")!.encodings).toContain("DELTA_LENGTH_BYTE_ARRAY");
    expect(cols.get("trace_id")!.statistics?.min_value).toMatch(/^[0-9a-f]{32}$/);
    expect(cols.get("timestamp")!.statistics?.min_value).toBeInstanceOf(Date);
    expect(cols.get("span_id")!.statistics?.min_value).toBeUndefined();
  });
});
