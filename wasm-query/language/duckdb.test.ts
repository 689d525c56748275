import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GOLDEN } from "./golden.ts";
import { F, T } from "./golden-options.ts";
import { HOSTILE } from "./hostile-cases.ts";
import { compile } from "./index.ts";
import { type Engine, nativeEngine, wasmEngine } from "./test-duckdb.ts";

/**
 * Every golden SQL and every hostile query that compiles runs on DuckDB-WASM 1.28
 * (DuckDB 0.9.1, what the worker and the browser run) and on native DuckDB: the dialect
 * is right for both, and hostile text stays data.
 */
const engines: Engine[] = [];

beforeAll(async () => {
  engines.push(await wasmEngine(), await nativeEngine());
}, 120_000);

afterAll(() => {
  for (const e of engines) e.close();
});

const toJson = (rows: unknown) => JSON.parse(JSON.stringify(rows, (_, v) => (typeof v === "bigint" ? Number(v) : v)));

describe.each(["duckdb-wasm-0.9", "duckdb-native"])("%s", (engineName) => {
  const engine = () => engines.find((e) => e.name === engineName)!;

  it.each(GOLDEN)("runs $query", async (g) => {
    await expect(engine().run(g.sql, g.params)).resolves.toBeInstanceOf(Array);
  });

  it.each(HOSTILE.filter((h) => h.outcome === "safe"))("runs hostile '$name' harmlessly", async (h) => {
    const c = compile(h.query, { timeRange: { fromUs: F, toUs: T }, nowUs: T, vars: h.vars });
    const rows = toJson(await engine().run(c.sql, c.params)) as Record<string, unknown>[];
    // Nothing from outside the time range, whatever the query says.
    for (const r of rows) expect(r.body).not.toBe("outside the time range");
  });

  it("answers with the right rows", async () => {
    const run = async (q: string) => toJson(await engine().run(...(Object.values(compile(q, { timeRange: { fromUs: F, toUs: T }, nowUs: T })).slice(0, 2) as [string, never[]])));
    expect(await run('logs | where severity >= "ERROR" | project body')).toEqual([{ body: "connection refused for user=bob" }]);
    expect(await run("logs | summarize n = count() by service.name | sort by service.name asc")).toEqual([
      { service_name: "api", n: 1 },
      { service_name: "web", n: 1 },
    ]);
    expect(await run('logs | where body has "refused" and body !has "ref" | project trace_id')).toEqual([{ trace_id: "aaaa" }]);
    expect(await run("logs | where attributes.retries > 3 | extend u = extract(\"user=(\\\\w+)\", 1, body) | project u")).toEqual([{ u: "bob" }]);
    expect(await run("spans | summarize p50(duration)")).toEqual([{ p50_duration: 751000000 }]);
    expect(await run('search "HEALTH" | project service.name')).toEqual([{ service_name: "web" }]);
  });
});
