/**
 * The Parquet path inside workerd: parquet-wasm initialised from an imported `.wasm`
 * module (workerd cannot compile wasm from bytes), Arrow built and serialised with no
 * `new Function`/eval, zstd Parquet written (sync and chunked) and read back.
 */
import { vectorFromArray } from "apache-arrow";
import { describe, expect, it } from "vitest";
import { TableBuilder } from "../columns";
import { SIGNALS } from "../schema";
import { makeTable } from "./fixtures";
import { SORT_KEYS } from "../../durable-objects/buffer/flush";
import { readParquetInto } from "./read";
import { columnStats } from "./stats";
import { hourKey, partitionBy, sortOrder } from "./sort";
import { parquetWasmReady } from "./wasm";
import { initParquetWasm } from "./wasm-worker";
import { encodeParquet, encodeParquetChunked } from "./write";

describe("parquet in workerd", () => {
  it("instantiates parquet-wasm lazily from the imported module", () => {
    expect(parquetWasmReady()).toBe(false);
    encodeParquet(makeTable("metrics", 10));
    expect(parquetWasmReady()).toBe(true);
    initParquetWasm(); // idempotent
  });

  /**
   * The test runtime allows eval (Vitest's module runner needs it) while production
   * workerd does not, so code generation is forbidden here by hand: the global
   * `Function` and `eval` are swapped for throwing stubs while encoding.
   */
  async function withoutCodegen<T>(run: () => Promise<T> | T): Promise<T> {
    const g = globalThis as { Function: unknown; eval: unknown };
    const saved = { Function: g.Function, eval: g.eval };
    const refuse = () => {
      throw new EvalError("Code generation from strings disallowed for this context");
    };
    // A Proxy keeps `x instanceof Function` working; only calling/constructing throws.
    g.Function = new Proxy(saved.Function as FunctionConstructor, { apply: refuse, construct: refuse });
    g.eval = refuse;
    try {
      return await run();
    } finally {
      g.Function = saved.Function;
      g.eval = saved.eval;
    }
  }

  it("detects code generation (so the tests below prove its absence)", async () => {
    // apache-arrow's builders compile a null-check with `new Function`.
    await expect(withoutCodegen(() => vectorFromArray(["a", null]))).rejects.toThrow(/Code generation/);
  });

  it.each(SIGNALS)("encodes and reads back %s", async (signal) => {
    // No explicit init: importing wasm-worker.ts registered the module; the first
    // encode instantiates it.
    const table = makeTable(signal, 2000);
    const order = sortOrder(table, SORT_KEYS[signal]);
    const files = await withoutCodegen(async () => [
      encodeParquet(table, { rows: order }),
      await encodeParquetChunked(table, { rows: order, chunkRows: 500, rowGroupSize: 1000 }),
    ]);
    for (const bytes of files) {
      expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe("PAR1");
      const back = new TableBuilder(signal);
      expect(await withoutCodegen(() => readParquetInto(bytes, back))).toBe(table.rows);
      for (let i = 0; i < table.rows; i += 37) expect(back.row(i)).toEqual(table.row(order[i]));
    }
    const parts = partitionBy(table, hourKey(table), order);
    expect([...parts.keys()][0]).toMatch(/^date=\d{4}-\d\d-\d\d\/hour=\d\d$/);
    expect(columnStats(table).rows).toBe(table.rows);
  });
});
