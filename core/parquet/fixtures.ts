/**
 * Realistic synthetic telemetry for the Parquet tests and benchmarks: several services
 * and instances, promoted OTel attributes plus leftovers in the maps, nulls, unicode,
 * random 16-byte trace ids shared by a handful of spans, random 8-byte span ids, and
 * histogram lists with large counts. Deterministic (seeded) so tests are reproducible.
 *
 * Not imported by production code.
 */
import { ListColumn, MapColumn, NumberColumn, StringColumn, TableBuilder } from "../columns";
import type { Signal } from "../schema";

import { seededRng } from "../random";

/** Small fast seeded PRNG (mulberry32). */
export const rng = seededRng;

export type Row = Record<string, unknown>;

/**
 * Append one row given as a plain object: missing keys become null (empty map).
 * Slow-ish (one object per row) — fine for fixtures, never for ingest.
 */
export function appendRow(table: TableBuilder, row: Row): void {
  table.defs.forEach((def, i) => {
    const col = table.columns[i];
    const v = row[def.name];
    if (col instanceof MapColumn) {
      if (v) for (const [k, val] of Object.entries(v as Record<string, string | null>)) {
        col.keys.append(k);
        if (val === null) col.values.appendNull();
        else col.values.append(val);
      }
      col.closeRow();
    } else if (v === null || v === undefined) {
      (col as StringColumn | NumberColumn | ListColumn).appendNull();
    } else if (col instanceof StringColumn) {
      col.append(v as string);
    } else if (col instanceof ListColumn) {
      col.append(v as number[]);
    } else {
      (col as NumberColumn).append(typeof v === "boolean" ? (v ? 1 : 0) : (v as number));
    }
  });
  table.endRow();
}

const HEX = "0123456789abcdef";
function hex(r: () => number, bytes: number): string {
  let s = "";
  for (let i = 0; i < bytes * 2; i++) s += HEX[(r() * 16) | 0];
  return s;
}
function pick<T>(r: () => number, a: readonly T[]): T {
  return a[(r() * a.length) | 0];
}
function uuid(r: () => number): string {
  const h = hex(r, 16);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

interface Resource {
  cols: Row;
  map: Record<string, string>;
}

/** ~10 resource attributes per service instance: 8 promoted, the rest in the map. */
function resources(r: () => number, count: number): Resource[] {
  const services = ["checkout", "frontend", "cart", "payment", "auth", "search", "recommendation", "email"];
  const langs = ["nodejs", "go", "java", "python"];
  const out: Resource[] = [];
  for (let i = 0; i < count; i++) {
    const svc = services[i % services.length];
    const pod = `${svc}-${hex(r, 5).slice(0, 10)}-${hex(r, 3).slice(0, 5)}`;
    out.push({
      cols: {
        service_name: svc,
        service_namespace: "shop",
        service_version: `1.${(i % 3) + 4}.${i % 7}`,
        service_instance_id: uuid(r),
        deployment_environment: "production",
        host_name: pod,
        k8s_namespace_name: "shop-prod",
        k8s_pod_name: pod,
        k8s_deployment_name: svc,
        cloud_region: pick(r, ["eu-west-1", "us-east-1"]),
        telemetry_sdk_language: langs[i % langs.length],
      },
      map: {
        "telemetry.sdk.name": "opentelemetry",
        "telemetry.sdk.version": "1.28.0",
        "process.pid": String(1000 + ((r() * 60000) | 0)),
        "container.id": hex(r, 32),
      },
    });
  }
  return out;
}

const ROUTES = ["/api/cart", "/api/cart/{id}", "/api/checkout", "/api/products/{id}", "/api/users/{id}", "/api/search", "/health"];
const METHODS = ["GET", "GET", "GET", "POST", "PUT", "DELETE"];

/** Base time: 2025-03-04T12:00:00Z in µs. */
export const BASE_US = Date.UTC(2025, 2, 4, 12, 0, 0) * 1000;

/**
 * `n` log records over a ~30 s window, in arrival order: OTLP batches of 20–300
 * records from one service instance each, batches of different instances
 * overlapping in time (as a buffer receives them).
 */
export function makeLogs(n: number, seed = 1, table = new TableBuilder("logs")): TableBuilder {
  const r = rng(seed);
  const res = resources(r, 24);
  const clock = res.map(() => BASE_US + ((r() * 2_000_000) | 0));
  let traceId = hex(r, 16);
  let spanId = hex(r, 8);
  let produced = 0;
  while (produced < n) {
    const inst = (r() * res.length) | 0;
    const rs = res[inst];
    const size = Math.min(n - produced, 20 + ((r() * 280) | 0));
    for (let b = 0; b < size; b++) {
      const t = (clock[inst] += (r() * 80_000) | 0); // each instance logs ~25 records/s
      logRecord(table, r, rs, t, (traceId = r() < 0.25 ? hex(r, 16) : traceId), (spanId = r() < 0.5 ? hex(r, 8) : spanId));
    }
    produced += size;
  }
  return table;
}

function logRecord(table: TableBuilder, r: () => number, rs: Resource, t: number, traceId: string, spanId: string): void {
  const sev = r();
  const [num, text] = sev < 0.05 ? [17, "ERROR"] : sev < 0.15 ? [13, "WARN"] : sev < 0.25 ? [5, "DEBUG"] : [9, "INFO"];
  const route = pick(r, ROUTES);
  const status = num === 17 ? 500 : pick(r, [200, 200, 200, 201, 204, 304, 404]);
  const userId = `u${(r() * 5000) | 0}`;
  const ms = (r() * 900) | 0;
  const path = route.replace("{id}", String((r() * 100000) | 0));
  const body =
    num === 17
      ? `Unhandled error processing ${path}: connection reset by peer (attempt ${1 + ((r() * 3) | 0)})`
      : pick(r, [
          `${pick(r, METHODS)} ${path} ${status} ${ms}ms`,
          `User ${userId} added item ${(r() * 10000) | 0} to cart`,
          `Cache miss for key product:${(r() * 10000) | 0}`,
          `Payment authorised for order ${hex(r, 4)} — total €${(r() * 300).toFixed(2)}`,
          `Query took ${ms}ms rows=${(r() * 50) | 0}`,
          `Überprüfung abgeschlossen für Benutzer ${userId} ✓`,
        ]);
  const hasTrace = r() < 0.7;
  const attrs: Record<string, string> = {
    "code.function": pick(r, ["handleRequest", "addItem", "charge", "lookup", "render"]),
    "thread.name": pick(r, ["main", "worker-1", "worker-2", "worker-3", "http-nio-8080-exec-4"]),
    "log.logger": `com.shop.${rs.cols.service_name as string}.${pick(r, ["Controller", "Service", "Repository"])}`,
  };
  if (r() < 0.3) attrs["session.id"] = hex(r, 8);
  const http = r() < 0.6;
  appendRow(table, {
    ...rs.cols,
    timestamp: t,
    observed_timestamp: t + ((r() * 2000) | 0),
    severity_number: num,
    severity_text: text,
    body,
    trace_id: hasTrace ? traceId : null,
    span_id: hasTrace ? spanId : null,
    flags: hasTrace ? 1 : 0,
    event_name: r() < 0.05 ? "session.start" : null,
    scope_name: `com.shop.${rs.cols.service_name as string}`,
    scope_version: "2.1.0",
    http_request_method: http ? pick(r, METHODS) : null,
    http_response_status_code: http ? status : null,
    http_route: http ? route : null,
    url_path: http && r() < 0.5 ? path : null,
    user_id: r() < 0.4 ? userId : null,
    exception_type: num === 17 ? "java.net.SocketException" : null,
    attributes: attrs,
    resource_attributes: rs.map,
  });
}

/**
 * `n` spans in arrival order: traces of 5–10 spans (a SERVER root, CLIENT db/http
 * calls, INTERNAL work) touching 1–3 services, random 16-byte trace ids and 8-byte
 * span ids. Each service instance batches its finished spans and exports 20–300 at
 * a time, so a trace's spans arrive in several batches, mixed with other traces.
 */
export function makeSpans(n: number, seed = 2, table = new TableBuilder("spans")): TableBuilder {
  const r = rng(seed);
  const res = resources(r, 24);
  const pending: Row[][] = res.map(() => []);
  const limits = res.map(() => 20 + ((r() * 280) | 0));
  let t = BASE_US;
  let produced = 0;
  const emit = (inst: number) => {
    for (const row of pending[inst]) if (produced < n) (appendRow(table, row), produced++);
    pending[inst] = [];
    limits[inst] = 20 + ((r() * 280) | 0);
  };
  while (produced < n) {
    const traceId = hex(r, 16);
    const size = 5 + ((r() * 6) | 0);
    t += (r() * 600) | 0;
    const insts = [(r() * res.length) | 0, (r() * res.length) | 0, (r() * res.length) | 0].slice(0, 1 + ((r() * 3) | 0));
    const rootId = hex(r, 8);
    const route = pick(r, ROUTES);
    const method = pick(r, METHODS);
    const error = r() < 0.03;
    const rootDur = 1_000_000 + Math.floor(r() * r() * 2_000_000_000);
    for (let s = 0; s < size; s++) {
      const root = s === 0;
      const inst = root ? insts[0] : pick(r, insts);
      const kind = root ? "SERVER" : r() < 0.5 ? "CLIENT" : "INTERNAL";
      const db = !root && kind === "CLIENT" && r() < 0.6;
      const start = t + (root ? 0 : (r() * 1000) | 0);
      pending[inst].push({
        ...res[inst].cols,
        timestamp: start,
        trace_id: traceId,
        span_id: root ? rootId : hex(r, 8),
        parent_span_id: root ? null : rootId,
        trace_state: null,
        name: root ? `${method} ${route}` : db ? pick(r, ["SELECT products", "INSERT orders", "UPDATE carts"]) : pick(r, ["render", "validate", "GET", "cache.get"]),
        kind,
        duration_ns: root ? rootDur : Math.floor(rootDur * r()),
        status_code: error && root ? "ERROR" : "UNSET",
        status_message: error && root ? "upstream timed out" : null,
        flags: 1,
        scope_name: root ? "@opentelemetry/instrumentation-http" : db ? "@opentelemetry/instrumentation-pg" : "shop",
        scope_version: "0.57.0",
        http_request_method: root ? method : null,
        http_response_status_code: root ? (error ? 504 : pick(r, [200, 200, 201, 204, 404])) : null,
        http_route: root ? route : null,
        url_path: root ? route.replace("{id}", String((r() * 100000) | 0)) : null,
        server_address: kind === "CLIENT" ? (db ? "db.internal" : "inventory.shop.svc") : null,
        db_system: db ? "postgresql" : null,
        db_operation_name: db ? "SELECT" : null,
        db_query_text: db ? "SELECT id, name, price FROM products WHERE id = $1" : null,
        user_agent_original: root ? "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 Chrome/130.0 Safari/537.36" : null,
        error_type: error && root ? "TimeoutError" : null,
        attributes: root ? { "net.host.port": "8080", "http.flavor": "1.1" } : db ? { "db.name": "shop" } : {},
        resource_attributes: res[inst].map,
        events: error && root ? `[{"time_unix_nano":"${start * 1000}","name":"exception","attributes":{"exception.type":"TimeoutError"}}]` : null,
        links: null,
      });
      if (pending[inst].length >= limits[inst]) emit(inst);
    }
  }
  return table;
}

/** `n` metric points: gauges, monotonic sums and explicit histograms. */
export function makeMetrics(n: number, seed = 3, table = new TableBuilder("metrics")): TableBuilder {
  const r = rng(seed);
  const res = resources(r, 8);
  const bounds = [0, 5, 10, 25, 50, 75, 100, 250, 500, 1000];
  for (let i = 0; i < n; i++) {
    const rs = res[i % res.length];
    const kind = i % 3;
    const t = BASE_US + Math.floor(i / 24) * 10_000_000;
    const base: Row = {
      ...rs.cols,
      timestamp: t,
      start_timestamp: BASE_US - 3_600_000_000,
      scope_name: "io.opentelemetry.runtime",
      scope_version: "1.0.0",
      resource_attributes: rs.map,
      flags: 0,
    };
    if (kind === 0) {
      appendRow(table, { ...base, metric_name: "process.memory.usage", metric_unit: "By", metric_type: "gauge", value: Math.floor(r() * 5e8), attributes: {} });
    } else if (kind === 1) {
      appendRow(table, {
        ...base,
        metric_name: "http.server.request.count",
        metric_unit: "{request}",
        metric_type: "sum",
        temporality: "cumulative",
        is_monotonic: true,
        value: i * 17,
        attributes: { "http.route": pick(r, ROUTES), "http.response.status_code": "200" },
      });
    } else {
      const counts = bounds.map(() => Math.floor(r() * 1000));
      counts.push(2 ** 40 + i); // large int64 counts survive
      appendRow(table, {
        ...base,
        metric_name: "http.server.request.duration",
        metric_description: "Duration of HTTP server requests — ⏱",
        metric_unit: "ms",
        metric_type: "histogram",
        temporality: "delta",
        count: counts.reduce((a, b) => a + b, 0),
        sum: r() * 1e6,
        min: 0.5,
        max: 999.5,
        bucket_counts: counts,
        explicit_bounds: bounds,
        attributes: { "http.route": pick(r, ROUTES) },
      });
    }
  }
  return table;
}

/** `n` synthetic check runs: a few checks × regions, mostly ok, some failing with assertion JSON. */
export function makeChecks(n: number, seed = 4, table = new TableBuilder("checks")): TableBuilder {
  const r = rng(seed);
  const regions = ["wnam", "enam", "weur", "apac"];
  for (let i = 0; i < n; i++) {
    const check = i % 5;
    const region = regions[i % regions.length];
    const slot = BASE_US + Math.floor(i / 20) * 60_000_000;
    const ok = r() > 0.1;
    const duration = 20 + r() * 400;
    appendRow(table, {
      timestamp: slot + Math.floor(r() * 2_000_000),
      scheduled_at: slot,
      run_id: `chk_${check}.${region}.${slot / 1000}`,
      check_id: `chk_${check}`,
      check_name: `check ${check} — ✓`,
      check_type: check === 4 ? "multistep" : "http",
      region,
      colo: null,
      ok,
      status: ok ? "ok" : r() < 0.5 ? "failed" : "error",
      error: ok ? null : "status in [\"2xx\"] failed (actual 503)",
      duration_ms: duration,
      ttfb_ms: duration * 0.8,
      http_status_code: ok ? 200 : 503,
      http_request_method: "GET",
      url_full: `https://shop.example.com/health/${check}`,
      redirects: i % 7 === 0 ? 1 : 0,
      assertions_total: 2,
      assertions_failed: ok ? 0 : 1,
      assertions: JSON.stringify([{ step: "request", type: "status", operator: "in", expected: ["2xx"], actual: ok ? 200 : 503, pass: ok }]),
      steps: JSON.stringify([{ name: "request", status: ok ? 200 : 503 }]),
      response_excerpt: ok ? '{"status":"ok"}' : null,
      ssl_days_remaining: check === 0 ? 30.5 : null,
      ssl_not_after: check === 0 ? BASE_US + 30 * 86_400_000_000 : null,
      ssl_subject: check === 0 ? "shop.example.com" : null,
      ssl_error: null,
      attributes: { team: pick(r, ["shop", "payments"]) },
    });
  }
  return table;
}

/** `n` RUM events of every type across a few sessions, with nulls where a type has no value. */
export function makeRum(n: number, seed = 4, table = new TableBuilder("rum")): TableBuilder {
  const r = rng(seed);
  const types = ["view", "vital", "error", "request", "action", "long_task", "resource"] as const;
  const sessions = Array.from({ length: 12 }, () => hex(r, 16));
  for (let i = 0; i < n; i++) {
    const type = types[i % types.length];
    const frames = type === "error" ? `[{"fn":"checkout","file":"https://shop.example/app.js","line":${i},"col":7}]` : null;
    appendRow(table, {
      timestamp: BASE_US + i * 250_000,
      type,
      name: type === "vital" ? pick(r, ["LCP", "INP", "CLS", "FCP", "TTFB"]) : type === "request" ? "GET" : type === "view" ? "load" : null,
      value: type === "view" || type === "error" ? null : r() * 3000,
      rating: type === "vital" ? pick(r, ["good", "needs-improvement", "poor"]) : null,
      target: type === "action" ? "Buy now — ✓" : null,
      session_id: sessions[i % sessions.length],
      view_id: hex(r, 8),
      page: pick(r, ROUTES),
      url: `https://shop.example${pick(r, ROUTES)}`,
      service_name: "shop-web",
      service_version: "1.2.3",
      deployment_environment: i % 5 === 0 ? null : "production",
      user_id: i % 3 === 0 ? `u-${i % 50}` : null,
      error_type: type === "error" ? "TypeError" : null,
      error_message: type === "error" ? `x is undefined (${i % 4})` : null,
      error_frames: frames,
      error_top_frame: frames ? `checkout (https://shop.example/app.js:${i}:7)` : null,
      http_request_method: type === "request" ? "GET" : null,
      http_response_status_code: type === "request" ? pick(r, [200, 200, 404, 500, 0]) : null,
      url_full: type === "request" ? "https://api.shop.example/cart?token=REDACTED" : null,
      trace_id: type === "request" ? hex(r, 16) : null,
      span_id: type === "request" ? hex(r, 8) : null,
      browser_name: pick(r, ["Chrome", "Safari", "Firefox"]),
      browser_version: "140.0",
      os_name: pick(r, ["Linux", "iOS", "Windows"]),
      os_version: null,
      device_type: pick(r, ["desktop", "mobile", "tablet"]),
      geo_country: pick(r, ["PT", "US", "JP"]),
      geo_region: null,
      geo_colo: "LIS",
      attributes: type === "resource" ? { "img.count": "3", bytes: "12345" } : {},
    });
  }
  return table;
}

export function makeTable(signal: Signal, n: number, seed?: number): TableBuilder {
  switch (signal) {
    case "logs":
      return makeLogs(n, seed);
    case "spans":
      return makeSpans(n, seed);
    case "metrics":
      return makeMetrics(n, seed);
    case "checks":
      return makeChecks(n, seed);
    case "rum":
      return makeRum(n, seed);
  }
}
