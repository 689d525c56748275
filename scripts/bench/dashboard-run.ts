/**
 * `npm run bench:dashboard`: the dashboard's bundle sizes (gzip) and the time to the first
 * result of a 1M-row aggregate in edge mode and in browser mode, measured in Chromium on
 * the platform started as `npm start` does. Prints a table; --no-docs leaves
 * docs/benchmarks.md alone.
 */
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";
import { bundleSizes } from "./dashboard-sizes.ts";
import { compact, flushUntil, ingest, planDatasets } from "./query-data.ts";
import { withServer } from "./server.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const args = process.argv.slice(2);
const scale = Number(args.find((a) => a.startsWith("--scale="))?.split("=")[1] ?? process.env.DASHBOARD_BENCH_SCALE ?? 1);
const runs = Number(args.find((a) => a.startsWith("--runs="))?.split("=")[1] ?? 3);
const log = (m: string) => console.error(`[bench:dashboard] ${m}`);
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

const build = spawnSync(process.execPath, [path.join(root, "scripts", "build-dashboard.mjs")], { cwd: root, stdio: "inherit" });
if (build.status !== 0) process.exit(build.status ?? 1);
const sizes = bundleSizes(root, path.join(root, "dashboard", "dist"));

const QUERY = "logs | summarize n = count() by bin(timestamp, 1m), service.name";
const timings = await withServer(async (server) => {
  const dataset = planDatasets(Date.now(), scale).find((d) => d.signal === "logs")!;
  log(`ingesting ${dataset.label}`);
  await ingest(server, dataset, 1, 4, log);
  await flushUntil(server, { logs: dataset.rows, spans: 0 });
  log(`compacted ${await compact(server)} merges`);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.url);
    await page.fill("input[name=email]", "admin@example.com");
    await page.fill("input[name=password]", "correct horse battery staple");
    await page.click("button[type=submit]");
    await page.waitForSelector(".cm-content");
    const out: { mode: string; cold: number; warm: number; rows: number }[] = [];
    for (const mode of ["edge", "browser"] as const) {
      await page.selectOption("select[aria-label='Run in']", mode);
      await page.click(".cm-content");
      await page.keyboard.press("ControlOrMeta+A");
      await page.keyboard.type(QUERY);
      await page.click(".range-button");
      await page.fill("input[aria-label=From]", new Date(dataset.fromMs).toISOString());
      await page.fill("input[aria-label=To]", new Date(dataset.toMs).toISOString());
      // Applying the range runs the query: the first run in this mode (for the browser,
      // it includes fetching and starting DuckDB-WASM).
      const ranAt = mode === "browser" ? "this browser" : "the edge";
      const done = () =>
        page.waitForFunction(`document.querySelector(".results[aria-busy=false] [data-testid=ran-at]")?.textContent?.includes(${JSON.stringify(ranAt)}) ?? false`, undefined, {
          timeout: 300_000,
        });
      const t0 = Date.now();
      await page.click("button:has-text('Apply time range')");
      await done();
      const cold = Date.now() - t0;
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        const t = Date.now();
        await page.click("button:has-text('Run query')");
        await page.waitForSelector(".results[aria-busy=true]", { timeout: 5_000 }).catch(() => {});
        await done();
        times.push(Date.now() - t);
      }
      const rows = Number((await page.textContent(".result-bar .muted"))?.match(/[\d,]+/)?.[0].replace(/,/g, "") ?? 0);
      out.push({ mode, cold, warm: median(times), rows });
    }
    return { out, rows: dataset.rows };
  } finally {
    await browser.close();
  }
});

const lines = [
  `Dashboard bundles (gzip -9) and time to first result, ${new Date().toISOString().slice(0, 10)}, \`npm run bench:dashboard\``,
  "",
  "| bundle | files | raw | gzip |",
  "| --- | --- | --- | --- |",
  ...sizes.map((s) => `| ${s.name} | ${s.files} | ${kb(s.bytes)} | ${kb(s.gzip)} |`),
  "",
  `Target: app shell ≤ 150 KB gzip — ${sizes[0].gzip <= 150 * 1024 ? "met" : "MISSED"} (${kb(sizes[0].gzip)}).`,
  "",
  `| ${timings.rows.toLocaleString("en")}-row aggregate (\`${QUERY}\`) | first run (cold) | warm (median of ${runs}) | result rows |`,
  "| --- | --- | --- | --- |",
  ...timings.out.map((t) => `| ${t.mode} mode | ${t.cold} ms | ${t.warm} ms | ${t.rows} |`),
];
console.log(lines.join("\n"));

if (!args.includes("--no-docs")) {
  const file = path.join(root, "docs", "benchmarks.md");
  const BEGIN = "<!-- bench:dashboard results: written by `npm run bench:dashboard` -->";
  const END = "<!-- end of bench:dashboard results -->";
  const doc = readFileSync(file, "utf8");
  const block = `${BEGIN}\n\n${lines.join("\n")}\n\n${END}`;
  const b = doc.indexOf(BEGIN);
  const e = doc.indexOf(END);
  writeFileSync(file, b >= 0 && e > b ? doc.slice(0, b) + block + doc.slice(e + END.length) : `${doc.trimEnd()}\n\n## Dashboard (bench:dashboard)\n\n${block}\n`);
}
