/**
 * One service's instruments: the semantic-convention duration histograms for HTTP
 * server/client and database calls, a request counter, business counters (orders,
 * charges, cart adds), and observable gauges (CPU, in-flight requests, the catalog's
 * connection pool) read from the recent load when the periodic reader collects.
 */
import type { Attributes, Counter, Meter } from "@opentelemetry/api";
import { type LoadWindow, cpuUtilisation, inFlight } from "./load.ts";
import type { SpanPlan } from "./plan.ts";
import type { ServiceName } from "./services.ts";

/** Seconds; the buckets the HTTP semantic conventions recommend. */
const DURATION_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];
const POOL_SIZE = 20;

export interface ServiceMetrics {
  /** Records a finished span's duration and counts; `nowMs` feeds the load window. */
  record(span: SpanPlan, nowMs: number): void;
}

function pickAttrs(attrs: SpanPlan["attributes"], keys: string[]): Attributes {
  const out: Attributes = {};
  for (const k of keys) if (attrs[k] !== undefined) out[k] = attrs[k];
  return out;
}

export function createServiceMetrics(meter: Meter, service: ServiceName, load: LoadWindow, jitter: () => number): ServiceMetrics {
  const histogram = (name: string, description: string) =>
    meter.createHistogram(name, { unit: "s", description, advice: { explicitBucketBoundaries: DURATION_BUCKETS } });
  const serverDuration = histogram("http.server.request.duration", "Duration of HTTP server requests.");
  const clientDuration = histogram("http.client.request.duration", "Duration of HTTP client requests.");
  const dbDuration = histogram("db.client.operation.duration", "Duration of database client operations.");
  const requests = meter.createCounter("http.server.requests", { unit: "{request}", description: "HTTP requests served." });
  const counters = new Map<string, Counter>();
  const counter = (name: string) => {
    let c = counters.get(name);
    if (!c) counters.set(name, (c = meter.createCounter(name, { unit: "1" })));
    return c;
  };

  meter.createObservableGauge("process.cpu.utilization", { unit: "1", description: "CPU in use, 0 to 1." }).addCallback((r) => {
    r.observe(cpuUtilisation(load.get(service, Date.now()), jitter()), { "cpu.mode": "user" });
  });
  meter.createObservableGauge("http.server.active_requests", { unit: "{request}", description: "Requests in flight." }).addCallback((r) => {
    r.observe(Math.round(inFlight(load.get(service, Date.now())) * 10) / 10);
  });
  if (service === "product-catalog") {
    meter.createObservableGauge("db.client.connection.count", { unit: "{connection}", description: "Connections in the postgres pool." }).addCallback((r) => {
      const used = Math.min(POOL_SIZE, Math.ceil(inFlight(load.get(`${service}:db`, Date.now())) + jitter() * 1.5 + 1.5));
      r.observe(used, { "db.client.connection.state": "used", "db.client.connection.pool.name": "catalog" });
      r.observe(POOL_SIZE - used, { "db.client.connection.state": "idle", "db.client.connection.pool.name": "catalog" });
    });
  }
  if (service === "email") {
    meter.createObservableGauge("email.queue.depth", { unit: "{message}", description: "Messages waiting for the SMTP relay." }).addCallback((r) => {
      r.observe(Math.max(0, Math.round(inFlight(load.get(`${service}:smtp`, Date.now())) * 4 + jitter() * 2)), { "queue.name": "outbound" });
    });
  }

  return {
    record(span, nowMs) {
      const ms = span.end - span.start;
      const a = span.attributes;
      if (span.kind === "SERVER") {
        const attrs = pickAttrs(a, ["http.request.method", "http.route", "http.response.status_code", "error.type"]);
        serverDuration.record(ms / 1000, attrs);
        requests.add(1, attrs);
        load.add(service, ms, nowMs);
      } else if (span.kind === "CLIENT" && a["db.system"] !== undefined) {
        dbDuration.record(ms / 1000, pickAttrs(a, ["db.system", "db.operation.name", "db.collection.name", "error.type"]));
        load.add(`${service}:db`, ms, nowMs);
      } else if (span.kind === "CLIENT" && a["http.request.method"] !== undefined) {
        clientDuration.record(ms / 1000, pickAttrs(a, ["http.request.method", "server.address", "http.response.status_code", "error.type"]));
      } else if (span.name === "SMTP send") {
        load.add(`${service}:smtp`, ms, nowMs);
      }
      for (const c of span.counts) counter(c.metric).add(c.value, c.attributes);
    },
  };
}
