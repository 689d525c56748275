/**
 * The fixed dataset of the differential suite: seeded logs, spans and metrics spread over
 * the hour 2026-01-01T00:00Z–01:00Z (plus a few rows just outside it), sent to a running
 * platform with the official OpenTelemetry JS exporters — half of the services over
 * http/protobuf, half over http/json.
 *
 * Built so that queries have something to find: varied services (one with a unicode
 * name, one with a mixed-case name), routes, status codes, severities (including text
 * that differs from the canonical level name), bodies with words for has/contains/search,
 * attributes present on some rows only, numeric/bool text in the maps, and unique
 * timestamps and durations so that sorted queries are free of ties.
 */
import { SpanKind, SpanStatusCode, context, trace, type HrTime, type AttributeValue, type Attributes } from "@opentelemetry/api";
import { SeverityNumber } from "@opentelemetry/api-logs";
import { resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import { BasicTracerProvider, BatchSpanProcessor, type IdGenerator } from "@opentelemetry/sdk-trace-base";
import { BatchLogRecordProcessor, LoggerProvider } from "@opentelemetry/sdk-logs";
import { AggregationTemporality, DataPointType, type MetricData, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import { ValueType } from "@opentelemetry/api";
import { seededRng } from "../../core/random.ts";
import { OTLPTraceExporter as TraceJson } from "@opentelemetry/exporter-trace-otlp-http";
import { OTLPTraceExporter as TraceProto } from "@opentelemetry/exporter-trace-otlp-proto";
import { OTLPLogExporter as LogJson } from "@opentelemetry/exporter-logs-otlp-http";
import { OTLPLogExporter as LogProto } from "@opentelemetry/exporter-logs-otlp-proto";
import { OTLPMetricExporter as MetricJson } from "@opentelemetry/exporter-metrics-otlp-http";
import { OTLPMetricExporter as MetricProto } from "@opentelemetry/exporter-metrics-otlp-proto";

/** The query time range: [FROM, TO). */
export const FROM_MS = Date.UTC(2026, 0, 1, 0, 0, 0);
export const TO_MS = FROM_MS + 3_600_000;
export const FROM_ISO = new Date(FROM_MS).toISOString();
export const TO_ISO = new Date(TO_MS).toISOString();

/**
 * No log row falls in [GAP_FROM, GAP_TO) (00:29–00:31), so an `ago()` boundary placed in
 * the middle of it selects the same rows even though the engine's `now()` and DuckDB's
 * differ by the seconds between the two queries.
 */
export const GAP_FROM_MS = FROM_MS + 29 * 60_000;
export const GAP_TO_MS = FROM_MS + 31 * 60_000;
export const GAP_MID_MS = FROM_MS + 30 * 60_000;

const FROM_US = BigInt(FROM_MS) * 1000n;

const rng = seededRng;

class Picker {
  readonly next: () => number;
  constructor(seed: number) {
    this.next = rng(seed);
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.next() * xs.length)];
  }
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((a, [, w]) => a + w, 0);
    let r = this.next() * total;
    for (const [x, w] of xs) if ((r -= w) < 0) return x;
    return xs[xs.length - 1][0];
  }
  hex(chars: number): string {
    let s = "";
    while (s.length < chars) s += Math.floor(this.next() * 0x10000).toString(16).padStart(4, "0");
    return s.slice(0, chars);
  }
}

/** µs since the epoch → OpenTelemetry HrTime. */
function hr(us: bigint, extraNs = 0): HrTime {
  const ns = us * 1000n + BigInt(extraNs);
  return [Number(ns / 1_000_000_000n), Number(ns % 1_000_000_000n)];
}

export type Encoding = "proto" | "json";

interface ServiceDef {
  name: string;
  encoding: Encoding;
  resource: Record<string, AttributeValue>;
  weight: number;
}

export const SERVICES: readonly ServiceDef[] = [
  {
    name: "checkout",
    encoding: "proto",
    weight: 30,
    resource: {
      "service.version": "2.3.1",
      "deployment.environment.name": "production",
      "k8s.pod.name": "checkout-5f7c",
      "host.name": "node-a",
      "cloud.region": "eu-west-1",
      team: "payments",
    },
  },
  {
    name: "payments",
    encoding: "json",
    weight: 20,
    resource: { "service.version": "1.0.0", "deployment.environment.name": "production", "k8s.pod.name": "payments-9x2", team: "payments", "cost.center": "cc-42" },
  },
  { name: "frontend", encoding: "proto", weight: 20, resource: { "service.version": "5.0.0-beta", "deployment.environment": "staging", "host.name": "node-b", team: "web" } },
  { name: "inventory", encoding: "json", weight: 12, resource: { "deployment.environment.name": "production", "host.name": "node-a" } },
  { name: "Search-API", encoding: "proto", weight: 10, resource: { "deployment.environment.name": "production", team: "search", "région": "Zürich" } },
  { name: "café-Ω", encoding: "json", weight: 5, resource: { "deployment.environment.name": "dev", team: "lab" } },
  { name: "healthcheck", encoding: "proto", weight: 3, resource: {} },
];

function resourceOf(s: ServiceDef): Resource {
  return resourceFromAttributes({ "service.name": s.name, "telemetry.sdk.language": "nodejs", ...s.resource });
}

const USERS = ["alice42", "bob7", "carol", "dave99", "émile", "Frank"];
const ROUTES = ["/api/cart/:id", "/api/users/:id", "/login", "/health", "/api/search", "/api/checkout"];
const PATHS = ["/api/cart/123", "/api/users/42.json", "/api/users/7", "/login", "/static/app.js", "/api/search?q=café"];
const METHODS = [["GET", 50], ["POST", 25], ["PUT", 10], ["DELETE", 10], ["PATCH", 5]] as const;
const STATUS = [[200, 55], [201, 8], [204, 5], [301, 3], [400, 6], [401, 4], [404, 7], [429, 3], [500, 5], [502, 2], [503, 2]] as const;
const SEVERITIES: readonly (readonly [readonly [string | undefined, SeverityNumber], number])[] = [
  [["TRACE", SeverityNumber.TRACE], 5],
  [["DEBUG", SeverityNumber.DEBUG], 14],
  [["INFO", SeverityNumber.INFO], 44],
  [["Information", SeverityNumber.INFO], 2],
  [["WARN", SeverityNumber.WARN], 14],
  [["warning", SeverityNumber.WARN], 1],
  [["ERROR", SeverityNumber.ERROR], 14],
  [["FATAL", SeverityNumber.FATAL], 3],
  [[undefined, SeverityNumber.UNSPECIFIED], 3],
];

function logBody(p: Picker, i: number): unknown {
  const user = p.pick(USERS);
  const ms = p.int(1, 5000);
  switch (p.int(0, 15)) {
    case 0:
      return `user login succeeded for user=${user}`;
    case 1:
      return `User login failed for user=${user}: invalid password`;
    case 2:
      return `connection refused to db-primary:5432`;
    case 3:
      return `timeout after ${ms}ms calling inventory`;
    case 4:
      return `request GET /api/cart/${p.int(1, 200)} completed in ${ms}ms`;
    case 5:
      return `payment declined: CardDeclined (code=402)`;
    case 6:
      return `retrying request attempt=${p.int(1, 4)} after Timeout`;
    case 7:
      return `health check ok`;
    case 8:
      return `Zürich café order shipped ✓ 東京 #${p.int(1, 99)}`;
    case 9:
      return `errorcode 500 returned by upstream`;
    case 10:
      return `ERROR: disk full on /var/lib/data`;
    case 11:
      return `Cache miss for key session:${p.hex(6)}`;
    case 12:
      return p.chance(0.3) ? "" : `queued job ${p.hex(8)} for user=${user}`;
    case 13:
      return { structured: true, n: i, tags: ["a", "b"] };
    case 14:
      return `GET /users/${p.int(1, 999)} took ${ms}ms`;
    default:
      return `user ${user} logged out; session closed after ${ms}ms`;
  }
}

function httpAttributes(p: Picker, a: Attributes): number | undefined {
  let status: number | undefined;
  if (p.chance(0.7)) a[p.chance(0.1) ? "http.method" : "http.request.method"] = p.weighted(METHODS);
  if (p.chance(0.7)) {
    status = p.weighted(STATUS);
    a[p.chance(0.1) ? "http.status_code" : "http.response.status_code"] = status;
  }
  if (p.chance(0.6)) a["http.route"] = p.pick(ROUTES);
  if (p.chance(0.4)) a["url.path"] = p.pick(PATHS);
  if (p.chance(0.5)) a["user.id"] = `u-${p.int(1, 40)}`;
  else if (p.chance(0.06)) a["user.id"] = "";
  return status;
}

/** One log record as it is emitted (for the record; the test reads what was stored). */
interface LogSpec {
  service: ServiceDef;
  timeUs: bigint;
  severityText?: string;
  severityNumber: SeverityNumber;
  body: unknown;
  attributes: Attributes;
  traceId?: string;
  spanId?: string;
  scope: string;
}

export const LOGS_IN_RANGE_TARGET = 3000;

function logSpecs(): LogSpec[] {
  const p = new Picker(0x10c5);
  const out: LogSpec[] = [];
  const n = LOGS_IN_RANGE_TARGET;
  for (let i = 0; i < n; i++) {
    // Spaced 1.2 s apart with sub-ms jitter: every timestamp is unique; the first is exactly FROM.
    const timeUs = FROM_US + BigInt(Math.floor((i * 3_600_000_000) / n)) + BigInt(i === 0 ? 0 : p.int(0, 999));
    const service = p.weighted(SERVICES.map((s) => [s, s.weight] as const));
    const [severityText, severityNumber] = p.weighted(SEVERITIES);
    const body = logBody(p, i);
    const attributes: Attributes = {};
    httpAttributes(p, attributes);
    if (p.chance(0.3)) attributes.retries = p.chance(0.08) ? "many" : p.int(0, 5);
    if (p.chance(0.25)) attributes.ratio = Math.round(p.next() * 1000) / 1000;
    if (p.chance(0.3)) attributes.cached = p.chance(0.5);
    if (p.chance(0.5)) attributes["tenant.id"] = `t-${p.int(1, 6)}`;
    if (p.chance(0.2)) attributes["x-request-id"] = p.hex(12);
    if (p.chance(0.1)) attributes.scheduled_at = new Date(FROM_MS + p.int(0, 3599) * 1000).toISOString().replace(".000", "");
    if (p.chance(0.2)) attributes.region = p.pick(["eu-west", "us-east", "Zürich", "東京"]);
    if (severityNumber >= SeverityNumber.ERROR && p.chance(0.6)) attributes["error.type"] = p.pick(["TimeoutError", "ConnectionRefused", "CardDeclined"]);
    const traced = p.chance(0.4);
    const traceId = traced ? p.hex(32) : undefined;
    const spanId = traced ? p.hex(16) : undefined;
    const scope = p.chance(0.9) ? "app-logger" : "audit";
    const t = Number(timeUs / 1000n);
    if (t >= GAP_FROM_MS && t < GAP_TO_MS) continue;
    out.push({ service, timeUs, severityText, severityNumber, body, attributes, traceId, spanId, scope });
  }
  // Outside the range: before it, at its exclusive end, and after it.
  const outside = [FROM_US - 1n, FROM_US - 60_000_000n, FROM_US - 3_000_000_000n, BigInt(TO_MS) * 1000n, BigInt(TO_MS) * 1000n + 1n, BigInt(TO_MS) * 1000n + 1_800_000_000n];
  outside.forEach((timeUs, k) => {
    for (const service of SERVICES.slice(0, 5)) {
      out.push({
        service,
        timeUs: timeUs + BigInt(10 * SERVICES.indexOf(service)) * (timeUs < FROM_US ? -1n : 1n),
        severityText: "ERROR",
        severityNumber: SeverityNumber.ERROR,
        body: `outside the range: timeout ${k} for user=alice42`,
        attributes: { "http.response.status_code": 500, "http.route": "/api/cart/:id", "user.id": "u-1", retries: 9 },
        scope: "app-logger",
      });
    }
  });
  return out;
}

/** A deterministic IdGenerator: the same trace and span ids on every run. */
class SeededIds implements IdGenerator {
  private readonly p = new Picker(0x1d5);
  generateTraceId(): string {
    return this.p.hex(32);
  }
  generateSpanId(): string {
    return this.p.hex(16);
  }
}

const SPAN_TRACES = 1000;

interface SpanPlan {
  service: ServiceDef;
  build: (tracer: ReturnType<BasicTracerProvider["getTracer"]>) => void;
}

function uniqueTimes(): (us: bigint) => bigint {
  const used = new Set<bigint>();
  return (us) => {
    while (used.has(us)) us += 1n;
    used.add(us);
    return us;
  };
}

/** Durations in ns: log-normal around 40 ms, each one made unique by its index. */
function durationNs(p: Picker, i: number, scale = 1): number {
  const u1 = Math.max(p.next(), 1e-9);
  const u2 = p.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.floor(Math.exp(Math.log(40e6 * scale) + 1.1 * z) / 1000) * 1000 + i;
}

function spanPlans(): SpanPlan[] {
  const p = new Picker(0x5ba2);
  const unique = uniqueTimes();
  const plans: SpanPlan[] = [];
  let seq = 1;
  const roots = SERVICES.filter((s) => s.name !== "healthcheck");
  for (let t = -8; t < SPAN_TRACES + 8; t++) {
    // 8 traces before the range and 8 after it; the first in-range trace starts exactly at FROM.
    const base = t < 0 ? FROM_US + BigInt(t) * 3_600_000n : t >= SPAN_TRACES ? BigInt(TO_MS) * 1000n + BigInt(t - SPAN_TRACES) * 3_600_000n : FROM_US + BigInt(Math.floor((t * 3_600_000_000) / SPAN_TRACES));
    const rootStart = unique(base + BigInt(t === 0 ? 0 : p.int(0, 999)));
    const service = p.weighted(roots.map((s) => [s, s.weight] as const));
    const route = p.pick(ROUTES);
    const method = p.weighted(METHODS);
    const attrs: Attributes = {};
    const status = httpAttributes(p, attrs);
    attrs["http.request.method"] ??= method;
    attrs["http.route"] ??= route;
    if (p.chance(0.3)) attrs["cart.items"] = p.int(0, 12);
    if (p.chance(0.2)) attrs["feature.flag"] = p.chance(0.5);
    if (p.chance(0.25)) attrs["peer.service"] = p.pick(["stripe", "s3", "Zürich-gw"]);
    const userName = p.chance(0.25) ? `GET /users/${p.int(1, 500)}` : undefined;
    const name = userName ?? `${attrs["http.request.method"] ?? method} ${attrs["http.route"]}`;
    const rootDur = durationNs(p, seq++, 2);
    const errored = (status !== undefined && status >= 500) || p.chance(0.04);
    const ok = !errored && p.chance(0.3);
    const statusMessage = errored ? p.pick(["upstream timeout", "db failed", "Zürich gateway down"]) : undefined;
    const children: { start: bigint; dur: number; build: (tracer: ReturnType<BasicTracerProvider["getTracer"]>, parent: ReturnType<ReturnType<BasicTracerProvider["getTracer"]>["startSpan"]>) => void }[] = [];
    const nChildren = p.weighted([[0, 15], [1, 35], [2, 35], [3, 15]] as const);
    for (let c = 0; c < nChildren; c++) {
      const start = unique(rootStart + BigInt(p.int(1, Math.max(2, Math.floor(rootDur / 1000 / 2)))));
      const dur = durationNs(p, seq++, 0.3);
      const kind = p.weighted([[SpanKind.CLIENT, 45], [SpanKind.INTERNAL, 30], [SpanKind.PRODUCER, 12], [SpanKind.CONSUMER, 13]] as const);
      const cAttrs: Attributes = {};
      let cName: string;
      if (kind === SpanKind.CLIENT) {
        if (p.chance(0.6)) {
          const sys = p.pick(["postgresql", "redis"]);
          cAttrs[p.chance(0.2) ? "db.system" : "db.system.name"] = sys;
          cAttrs[sys === "redis" ? "db.operation.name" : "db.statement"] = sys === "redis" ? "GET" : p.pick(["SELECT * FROM carts WHERE id = $1", "UPDATE stock SET n = n - 1", "select count(*) from users"]);
          cAttrs["server.address"] = sys === "redis" ? "cache-1" : "db-primary";
          cName = sys === "redis" ? "redis GET" : "SELECT carts";
        } else {
          cAttrs["rpc.system"] = "grpc";
          cAttrs["rpc.service"] = p.pick(["Inventory", "Pricing"]);
          cAttrs["rpc.method"] = p.pick(["Reserve", "Quote"]);
          cName = `grpc ${cAttrs["rpc.service"]}/${cAttrs["rpc.method"]}`;
        }
      } else if (kind === SpanKind.INTERNAL) {
        cName = p.pick(["render page", "compute-tax", "validate cart"]);
        if (p.chance(0.4)) cAttrs["cart.items"] = p.int(0, 12);
      } else {
        cAttrs["messaging.system"] = "kafka";
        cName = kind === SpanKind.PRODUCER ? "publish orders" : "consume orders";
      }
      if (p.chance(0.5)) cAttrs["user.id"] = `u-${p.int(1, 40)}`;
      const cErr = p.chance(errored ? 0.5 : 0.03);
      const exc = cErr && p.chance(0.6) ? p.pick([["TypeError", "connection reset"], ["TimeoutError", "deadline exceeded after 500ms"]] as const) : undefined;
      children.push({
        start,
        dur,
        build: (tracer, parent) => {
          const span = tracer.startSpan(cName, { kind, attributes: cAttrs, startTime: hr(start) }, trace.setSpan(context.active(), parent));
          if (exc) {
            const e = new Error(exc[1]);
            e.name = exc[0];
            e.stack = `${exc[0]}: ${exc[1]}\n    at handler (app.js:1:1)`;
            span.recordException(e, hr(start, 1000));
          }
          if (cErr) span.setStatus({ code: SpanStatusCode.ERROR, message: exc ? exc[1] : "failed" });
          span.end(hr(start, dur));
        },
      });
    }
    plans.push({
      service,
      build: (tracer) => {
        const root = tracer.startSpan(name, { kind: SpanKind.SERVER, attributes: attrs, startTime: hr(rootStart) });
        for (const c of children) c.build(tracer, root);
        if (errored) root.setStatus({ code: SpanStatusCode.ERROR, message: statusMessage });
        else if (ok) root.setStatus({ code: SpanStatusCode.OK });
        root.end(hr(rootStart, rootDur));
      },
    });
  }
  return plans;
}

interface MetricSeries {
  service: ServiceDef;
  metric: MetricData;
}

const BOUNDS = [10, 50, 100, 500, 1000];

/** Points every 30 s per series; each series is offset so that no two points share a timestamp. */
function metricData(): ResourceMetrics[] {
  const p = new Picker(0x3e7);
  const svcs = SERVICES.filter((s) => s.name !== "healthcheck" && s.name !== "café-Ω");
  const out: ResourceMetrics[] = [];
  const times = (series: number) => {
    const ks = Array.from({ length: 120 }, (_, k) => k);
    ks.push(-1, -3, 120, 125); // two points before the range, two after it
    return ks.map((k) => {
      const end = FROM_US + BigInt(k) * 30_000_000n + BigInt(series) * 97_000n + BigInt(p.int(0, 96_999)) + (k === 0 && series === 0 ? 0n : 1n);
      return { k, end, start: end - 30_000_000n };
    });
  };
  svcs.forEach((service, s) => {
    const metrics: MetricData[] = [];
    ["/api/cart/:id", "/login"].forEach((route, r) => {
      metrics.push({
        descriptor: { name: "http.server.requests", description: "Requests handled", unit: "{request}", valueType: ValueType.INT },
        aggregationTemporality: AggregationTemporality.DELTA,
        dataPointType: DataPointType.SUM,
        isMonotonic: true,
        dataPoints: times(s * 10 + r).map(({ start, end }) => ({
          startTime: hr(start),
          endTime: hr(end),
          attributes: { "http.route": route, "http.response.status_code": p.chance(0.9) ? 200 : 500, ...(p.chance(0.3) ? { "tenant.id": `t-${p.int(1, 6)}` } : {}) },
          value: p.int(0, 120),
        })),
      });
    });
    metrics.push({
      descriptor: { name: "queue.depth", description: "Jobs waiting", unit: "{job}", valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.CUMULATIVE,
      dataPointType: DataPointType.GAUGE,
      dataPoints: times(s * 10 + 2).map(({ start, end }) => ({
        startTime: hr(start),
        endTime: hr(end),
        attributes: { queue: p.pick(["emails", "orders", "Zürich-jobs"]) },
        value: Math.round(p.next() * 50_000) / 100,
      })),
    });
    metrics.push({
      descriptor: { name: "http.server.duration", description: "Request latency", unit: "ms", valueType: ValueType.DOUBLE },
      aggregationTemporality: AggregationTemporality.DELTA,
      dataPointType: DataPointType.HISTOGRAM,
      dataPoints: times(s * 10 + 3).map(({ start, end }) => {
        const counts = BOUNDS.map(() => p.int(0, 20)).concat([p.int(0, 3)]);
        const count = counts.reduce((a, b) => a + b, 0);
        const min = count ? 1 + p.int(0, 9) : undefined;
        const max = count ? 100 + p.int(0, 2000) : undefined;
        return {
          startTime: hr(start),
          endTime: hr(end),
          attributes: { "http.route": "/api/cart/:id" },
          value: { buckets: { boundaries: BOUNDS, counts }, count, sum: count ? Math.round(count * (20 + p.next() * 200) * 100) / 100 : 0, min, max },
        };
      }),
    });
    if (s < 2) {
      metrics.push({
        descriptor: { name: "process.memory.usage", description: "Heap in use", unit: "By", valueType: ValueType.INT },
        aggregationTemporality: AggregationTemporality.CUMULATIVE,
        dataPointType: DataPointType.SUM,
        isMonotonic: false,
        dataPoints: times(s * 10 + 4).map(({ start, end }) => ({ startTime: hr(start), endTime: hr(end), attributes: {}, value: p.int(100_000_000, 400_000_000) })),
      });
    }
    out.push({ resource: resourceOf(service), scopeMetrics: [{ scope: { name: "shop-metrics", version: "1.2.0" }, metrics }] });
  });
  return out;
}

function headersFor(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export interface SentCounts {
  logs: number;
  logsInRange: number;
  spans: number;
  metrics: number;
}

/** Sends the whole dataset through the OpenTelemetry exporters; resolves when all were acknowledged. */
export async function sendDataset(url: string, apiKey: string): Promise<SentCounts> {
  const headers = headersFor(apiKey);
  const counts: SentCounts = { logs: 0, logsInRange: 0, spans: 0, metrics: 0 };
  const failures: string[] = [];

  // Logs: one LoggerProvider per service, emitting that service's records in time order.
  const logs = logSpecs();
  counts.logs = logs.length;
  counts.logsInRange = logs.filter((l) => l.timeUs >= FROM_US && l.timeUs < BigInt(TO_MS) * 1000n).length;
  for (const service of SERVICES) {
    const exporter = service.encoding === "json" ? new LogJson({ url: `${url}/v1/logs`, headers }) : new LogProto({ url: `${url}/v1/logs`, headers });
    const provider = new LoggerProvider({
      resource: resourceOf(service),
      processors: [new BatchLogRecordProcessor({ exporter: checked(exporter, failures), maxQueueSize: 10_000, maxExportBatchSize: 500, scheduledDelayMillis: 600_000 })],
    });
    const loggers = { "app-logger": provider.getLogger("app-logger", "1.0.0"), audit: provider.getLogger("audit") };
    for (const l of logs.filter((x) => x.service === service)) {
      loggers[l.scope as keyof typeof loggers].emit({
        timestamp: hr(l.timeUs),
        observedTimestamp: hr(l.timeUs + 5_000n),
        severityNumber: l.severityNumber,
        severityText: l.severityText,
        body: l.body as never,
        attributes: l.attributes,
        context: l.traceId ? trace.setSpanContext(context.active(), { traceId: l.traceId, spanId: l.spanId!, traceFlags: 1 }) : undefined,
      });
    }
    await provider.forceFlush();
    await provider.shutdown();
  }

  // Spans: one TracerProvider per service, all sharing one seeded id generator.
  const plans = spanPlans();
  const ids = new SeededIds();
  for (const service of SERVICES) {
    const exporter = service.encoding === "json" ? new TraceJson({ url: `${url}/v1/traces`, headers }) : new TraceProto({ url: `${url}/v1/traces`, headers });
    const provider = new BasicTracerProvider({
      resource: resourceOf(service),
      idGenerator: ids,
      spanProcessors: [new BatchSpanProcessor(checked(exporter, failures, (n) => (counts.spans += n)), { maxQueueSize: 10_000, maxExportBatchSize: 500, scheduledDelayMillis: 600_000 })],
    });
    const tracer = provider.getTracer("checkout-instrumentation", "0.9.0");
    for (const plan of plans.filter((x) => x.service === service)) plan.build(tracer);
    await provider.forceFlush();
    await provider.shutdown();
  }

  // Metrics: data points with fixed times, handed to the metric exporters as the SDK's reader would.
  for (const rm of metricData()) {
    const service = SERVICES.find((s) => s.name === rm.resource.attributes["service.name"])!;
    const opts = { url: `${url}/v1/metrics`, headers };
    const exporter = service.encoding === "json" ? new MetricJson(opts) : new MetricProto(opts);
    await new Promise<void>((resolve, reject) =>
      exporter.export(rm, (r) => (r.code === 0 ? resolve() : reject(new Error(`metric export failed: ${r.error}`)))),
    );
    await exporter.shutdown();
    counts.metrics += rm.scopeMetrics.reduce((a, sm) => a + sm.metrics.reduce((b, m) => b + m.dataPoints.length, 0), 0);
  }
  if (failures.length) throw new Error(`exports failed: ${failures.join("; ")}`);
  return counts;
}

/** `ExportResult` of @opentelemetry/core (not a direct dependency): code 0 is success. */
interface ExportResult {
  code: number;
  error?: Error;
}

interface Exporter<T> {
  export(items: T[], done: (r: ExportResult) => void): void;
  shutdown(): Promise<void>;
  forceFlush?(): Promise<void>;
}

/** The exporter, with failed exports recorded (the batch processors only log them). */
function checked<T>(exporter: Exporter<T>, failures: string[], sent?: (n: number) => void): Exporter<T> & { forceFlush(): Promise<void> } {
  return {
    export(items, done) {
      exporter.export(items, (r) => {
        if (r.code !== 0) failures.push(String(r.error));
        else sent?.(items.length);
        done(r);
      });
    },
    shutdown: () => exporter.shutdown(),
    forceFlush: () => exporter.forceFlush?.() ?? Promise.resolve(),
  };
}
