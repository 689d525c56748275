/**
 * `npm run bench:sdk`: the browser SDK's size next to other RUM SDKs, each bundled the
 * same way (esbuild, IIFE, minified, browser target) from an entry that starts it the
 * way its docs show, so tree-shaking keeps what a real page would ship. Prints a table
 * and writes it into docs/benchmarks.md between the bench:sdk markers (`--no-docs` skips).
 */
import * as esbuild from "esbuild";
import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const pkgVersion = (name: string) => JSON.parse(readFileSync(path.join(root, "node_modules", name, "package.json"), "utf8")).version as string;

interface Case {
  name: string;
  pkg: string | null;
  covers: string;
  entry: string;
}

const CASES: Case[] = [
  { name: "Monoscope SDK core (sdk.js)", pkg: null, covers: "views, sessions, vitals, errors, fetch/XHR + traceparent, long tasks, resources, clicks, transport", entry: `import "./browser-sdk/src/iife.ts";` },
  { name: "Monoscope replay chunk (sdk-replay.js, lazy)", pkg: null, covers: "rrweb recorder + upload", entry: `import "./browser-sdk/src/replay/iife.ts";` },
  { name: "web-vitals", pkg: "web-vitals", covers: "the five vitals only", entry: `import { onLCP, onINP, onCLS, onFCP, onTTFB } from "web-vitals"; for (const f of [onLCP, onINP, onCLS, onFCP, onTTFB]) f(console.log);` },
  { name: "web-vitals/attribution", pkg: "web-vitals", covers: "vitals with attribution", entry: `import { onLCP, onINP, onCLS, onFCP, onTTFB } from "web-vitals/attribution"; for (const f of [onLCP, onINP, onCLS, onFCP, onTTFB]) f(console.log);` },
  { name: "@sentry/browser (errors)", pkg: "@sentry/browser", covers: "errors, breadcrumbs", entry: `import * as S from "@sentry/browser"; S.init({ dsn: "https://k@o1.ingest.sentry.io/1" });` },
  { name: "@sentry/browser (errors + browserTracing)", pkg: "@sentry/browser", covers: "errors, page loads/navigations, vitals, fetch/XHR spans", entry: `import * as S from "@sentry/browser"; S.init({ dsn: "https://k@o1.ingest.sentry.io/1", integrations: [S.browserTracingIntegration()], tracesSampleRate: 1 });` },
  { name: "@grafana/faro-web-sdk", pkg: "@grafana/faro-web-sdk", covers: "errors, vitals, sessions, views, console, fetch transport", entry: `import { initializeFaro, getWebInstrumentations } from "@grafana/faro-web-sdk"; initializeFaro({ url: "https://collector.example/collect", app: { name: "shop" }, instrumentations: getWebInstrumentations() });` },
  { name: "@datadog/browser-rum", pkg: "@datadog/browser-rum", covers: "views, sessions, vitals, errors, resources, actions, long tasks", entry: `import { datadogRum } from "@datadog/browser-rum"; datadogRum.init({ applicationId: "a", clientToken: "t", site: "datadoghq.com", service: "shop" });` },
];

async function measure(c: Case) {
  const out = await esbuild.build({
    stdin: { contents: c.entry, resolveDir: root, loader: "ts" },
    bundle: true, minify: true, format: "iife", platform: "browser", target: "es2020", write: false, legalComments: "none", logLevel: "error",
  });
  const bytes = out.outputFiles[0].contents;
  return { ...c, version: c.pkg ? pkgVersion(c.pkg) : "this repo", min: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length, brotli: brotliCompressSync(bytes).length };
}

const kb = (n: number) => (n / 1024).toFixed(1);
const rows = [];
for (const c of CASES) rows.push(await measure(c));
const lines = [
  "| bundle | version | what it covers | min | min+gzip | min+brotli |",
  "| --- | --- | --- | ---: | ---: | ---: |",
  ...rows.map((r) => `| ${r.name} | ${r.version} | ${r.covers} | ${kb(r.min)} KB | **${kb(r.gzip)} KB** | ${kb(r.brotli)} KB |`),
];
console.log(lines.join("\n"));

if (!process.argv.includes("--no-docs")) {
  const file = path.join(root, "docs", "benchmarks.md");
  const BEGIN = "<!-- bench:sdk results: written by `npm run bench:sdk` -->";
  const END = "<!-- end of bench:sdk results -->";
  const doc = readFileSync(file, "utf8");
  const block = `${BEGIN}\n\n${lines.join("\n")}\n\n${END}`;
  const b = doc.indexOf(BEGIN);
  const e = doc.indexOf(END);
  writeFileSync(
    file,
    b >= 0 && e > b
      ? doc.slice(0, b) + block + doc.slice(e + END.length)
      : `${doc.trimEnd()}\n\n## Browser SDK size (bench:sdk)\n\nEach SDK bundled by esbuild (IIFE, minified, es2020) from an entry that initialises it as its docs show; gzip level 9. The core budget (10 KB min+gzip) is enforced by \`browser-sdk/size.test.ts\`.\n\n${block}\n`,
  );
}
