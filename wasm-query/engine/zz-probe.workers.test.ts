import { env } from "cloudflare:test";
import { beforeAll, it } from "vitest";
import { BASE_US, makeLogs } from "../../core/parquet/fixtures";
import { initParquetWasm } from "../../core/parquet/wasm-worker";
import { encodeParquetChunked } from "../../core/parquet/write";
import { createEngine } from "./engine";
import { getDuckDB } from "./duckdb-worker";
import { planQuery } from "./plan";
import { r2Source } from "./source";

const K1 = "v1/p1/logs/date=2025-03-04/hour=12/probe.parquet";
const range = { fromUs: BASE_US - 60_000_000, toUs: BASE_US + 3_600_000_000 };
beforeAll(async () => {
  initParquetWasm();
  await env.BUCKET.put(K1, await encodeParquetChunked(makeLogs(5000, 1)));
});
const files = () => [r2Source(env.BUCKET, K1, "f0.parquet")];
const out: string[] = [];
it("probe", async () => {
  const e = createEngine();
  let mod: any, sp = 0, lo = 0, hi = 0;
  const paint = async () => { mod = (await getDuckDB()).bindings.mod; sp = mod.stackSave(); lo = sp - 60_000; hi = sp - 64; mod.HEAPU8.fill(0xa5, lo, hi); };
  const used = () => { let a = lo; while (a < hi && mod.HEAPU8[a] === 0xa5) a++; return sp - a; };
  const queries: [string, string][] = [
    ["count", "logs | count"],
    ["search", 'search "connection reset"'],
    ["summarize", "logs | summarize n = count(), p = percentiles(http_response_status_code, 50, 95, 99), u = dcount(user_id) by service.name, bin(timestamp, 1m) | sort by n desc"],
    ["where", 'logs | where severity_text == "ERROR" and body contains "reset" or body matches regex "(?i)cart.*[0-9]+" | project timestamp, body, attributes | take 100'],
    ["chain60", "logs | extend x = " + "severity_number+".repeat(60) + "1 | summarize sum(x)"],
    ["chain90", "logs | extend x = " + "severity_number+".repeat(90) + "1 | summarize sum(x)"],
    ["in", "logs | where service.name in (" + Array.from({ length: 1000 }, (_, i) => `"s${i}"`).join(",") + ")"],
  ];
  for (const [name, text] of queries) {
    await paint();
    const q = planQuery(text, { timeRange: range });
    const r = await e.run(q.plan, { files: files(), columns: q.columns, ...range }).then((x) => `rows=${x.rows.length}`, (err) => `ERR ${err.code} ${String(err.message).slice(0, 100)}`);
    out.push(`${name}: ${r} stack=${used()} sql=${q.sqlFor(["f0.parquet"]).sql.length} params=${JSON.stringify(q.sqlFor(["f0.parquet"]).params).length}`);
  }
  for (const [name, sql] of [["raw1", "SELECT 1"], ["tok", "SELECT 1" + " ".repeat(30000)], ["csv", "SELECT * FROM read_csv('/etc/passwd')"]]) {
    await paint();
    const r = await e.query(sql, [], { files: files(), columns: "all" }).then((x) => `rows=${x.rows.length}`, (err) => `ERR ${err.code} ${String(err.message).slice(0, 80)}`);
    out.push(`${name}: ${r} stack=${used()}`);
  }
  out.push(`sp=${sp}`);
  throw new Error("\n" + out.join("\n"));
});
