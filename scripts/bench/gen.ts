/**
 * Deterministic, realistic synthetic OTLP data for the ingest benchmark.
 *
 * - Resources: 8 services × 3 pods, 12 resource attributes each (service.*, host,
 *   k8s.*, cloud.region, deployment.environment, telemetry.sdk.*).
 * - Records: 8–10 attributes (HTTP method/route/status/path, user.id, tenant and
 *   request ids, a few custom ones) with realistic cardinalities.
 * - Logs: bodies from 50 templates with variable parts, severities skewed to INFO,
 *   ~70% carry a trace/span id (a handful of logs per traced request).
 * - Spans: traces of 5–10 spans across services (server, internal, db and http client
 *   spans), log-normal durations, ~2% errors with an exception event.
 * - Each request holds 1000 records grouped by resource and scope, timestamps
 *   increasing over a ~2 s window; consecutive requests start 100 ms apart.
 */
import type { Attrs, ExportRequest, LogRecord, ResourceGroup, Span } from "./otlp-encode.ts";

export const RECORDS_PER_REQUEST = 1000;

// ── deterministic randomness ──────────────────────────────────────────────────────────

export class Rng {
  private s: number;
  constructor(seed: number) {
    this.s = seed >>> 0 || 1;
  }
  /** mulberry32 */
  next(): number {
    let t = (this.s = (this.s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  range(lo: number, hi: number): number {
    return lo + this.int(hi - lo + 1);
  }
  pick<T>(a: readonly T[]): T {
    return a[this.int(a.length)];
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    let total = 0;
    for (const [, w] of items) total += w;
    let x = this.next() * total;
    for (const [v, w] of items) if ((x -= w) < 0) return v;
    return items[items.length - 1][0];
  }
  normal(): number {
    const u = 1 - this.next();
    const v = this.next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Log-normal with the given median and sigma. */
  logNormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }
  bytes(n: number): Uint8Array {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i += 4) {
      const x = (this.next() * 4294967296) >>> 0;
      for (let j = 0; j < 4 && i + j < n; j++) b[i + j] = (x >>> (8 * j)) & 0xff;
    }
    return b;
  }
  alnum(n: number): string {
    const chars = "abcdefghijklmnopqrstuvwxyz0123456789";
    let s = "";
    for (let i = 0; i < n; i++) s += chars[this.int(36)];
    return s;
  }
}

// ── the fleet ─────────────────────────────────────────────────────────────────────────

interface Route {
  method: string;
  route: string;
  path: (r: Rng) => string;
}

interface Service {
  name: string;
  version: string;
  language: string;
  sdkVersion: string;
  routes: Route[];
  db: { system: string; name: string; table: string } | null;
  downstream: string[];
  scopes: string[];
}

const id = (prefix: string, n: number) => (r: Rng) => `${prefix}${r.int(n)}`;
const userId = (r: Rng) => `u_${100000 + r.int(5000)}`;
const orderId = (r: Rng) => String(10_000_000 + r.int(90_000_000));
const productId = id("", 2000);
const sku = (r: Rng) => `SKU-${10000 + r.int(3000)}`;

const SERVICES: Service[] = [
  {
    name: "frontend", version: "2.14.3", language: "nodejs", sdkVersion: "1.30.1",
    routes: [
      { method: "GET", route: "/", path: () => "/" },
      { method: "GET", route: "/products/{id}", path: (r) => `/products/${productId(r)}` },
      { method: "GET", route: "/cart", path: () => "/cart" },
      { method: "POST", route: "/checkout", path: () => "/checkout" },
    ],
    db: null, downstream: ["cart", "search", "users", "checkout"], scopes: ["@opentelemetry/instrumentation-http", "frontend"],
  },
  {
    name: "checkout", version: "1.8.0", language: "go", sdkVersion: "1.34.0",
    routes: [
      { method: "POST", route: "/api/checkout", path: () => "/api/checkout" },
      { method: "GET", route: "/api/orders/{orderId}", path: (r) => `/api/orders/${orderId(r)}` },
      { method: "GET", route: "/api/orders", path: () => "/api/orders" },
    ],
    db: { system: "postgresql", name: "orders", table: "orders" }, downstream: ["payment", "inventory", "notifications"],
    scopes: ["go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "checkout/internal/orders"],
  },
  {
    name: "cart", version: "3.2.1", language: "java", sdkVersion: "1.45.0",
    routes: [
      { method: "GET", route: "/api/cart/{userId}", path: (r) => `/api/cart/${userId(r)}` },
      { method: "POST", route: "/api/cart/{userId}/items", path: (r) => `/api/cart/${userId(r)}/items` },
    ],
    db: { system: "redis", name: "0", table: "cart" }, downstream: ["inventory"], scopes: ["io.opentelemetry.tomcat-10.0", "com.shop.cart.CartService"],
  },
  {
    name: "payment", version: "0.19.4", language: "java", sdkVersion: "1.45.0",
    routes: [
      { method: "POST", route: "/api/payments", path: () => "/api/payments" },
      { method: "POST", route: "/api/payments/{paymentId}/refund", path: (r) => `/api/payments/pay_${r.alnum(14)}/refund` },
    ],
    db: { system: "postgresql", name: "payments", table: "charges" }, downstream: [], scopes: ["io.opentelemetry.spring-webmvc-6.0", "com.shop.payment.ChargeService"],
  },
  {
    name: "inventory", version: "5.0.2", language: "go", sdkVersion: "1.34.0",
    routes: [
      { method: "GET", route: "/api/inventory/{sku}", path: (r) => `/api/inventory/${sku(r)}` },
      { method: "POST", route: "/api/inventory/reserve", path: () => "/api/inventory/reserve" },
    ],
    db: { system: "postgresql", name: "inventory", table: "stock" }, downstream: [],
    scopes: ["go.opentelemetry.io/contrib/instrumentation/net/http/otelhttp", "inventory/stock"],
  },
  {
    name: "users", version: "4.11.0", language: "python", sdkVersion: "1.29.0",
    routes: [
      { method: "GET", route: "/api/users/{userId}", path: (r) => `/api/users/${userId(r)}` },
      { method: "POST", route: "/api/login", path: () => "/api/login" },
      { method: "PUT", route: "/api/users/{userId}/preferences", path: (r) => `/api/users/${userId(r)}/preferences` },
    ],
    db: { system: "postgresql", name: "users", table: "accounts" }, downstream: [], scopes: ["opentelemetry.instrumentation.flask", "users.api"],
  },
  {
    name: "search", version: "1.3.7", language: "python", sdkVersion: "1.29.0",
    routes: [
      { method: "GET", route: "/api/search", path: () => "/api/search" },
      { method: "GET", route: "/api/suggest", path: () => "/api/suggest" },
    ],
    db: { system: "elasticsearch", name: "products", table: "products" }, downstream: [], scopes: ["opentelemetry.instrumentation.fastapi", "search.query"],
  },
  {
    name: "notifications", version: "2.0.0", language: "nodejs", sdkVersion: "1.30.1",
    routes: [
      { method: "POST", route: "/api/notify/email", path: () => "/api/notify/email" },
      { method: "POST", route: "/api/notify/push", path: () => "/api/notify/push" },
    ],
    db: null, downstream: [], scopes: ["@opentelemetry/instrumentation-express", "notifications"],
  },
];

const SERVICE_BY_NAME = new Map(SERVICES.map((s) => [s.name, s]));
const PODS_PER_SERVICE = 3;
const REGIONS = ["us-east-1", "eu-west-1"];

interface Instance {
  service: Service;
  index: number;
  attributes: Attrs;
}

function buildFleet(): Instance[] {
  const r = new Rng(42);
  const fleet: Instance[] = [];
  for (const s of SERVICES) {
    const rs = r.alnum(9);
    for (let p = 0; p < PODS_PER_SERVICE; p++) {
      const pod = `${s.name}-${rs}-${r.alnum(5)}`;
      fleet.push({
        service: s,
        index: fleet.length,
        attributes: [
          ["service.name", s.name],
          ["service.version", s.version],
          ["service.instance.id", hexId(r.bytes(16))],
          ["host.name", `ip-10-0-${r.int(64)}-${r.int(256)}.ec2.internal`],
          ["k8s.pod.name", pod],
          ["k8s.namespace.name", "shop"],
          ["k8s.deployment.name", s.name],
          ["cloud.region", REGIONS[p % REGIONS.length]],
          ["deployment.environment", "production"],
          ["telemetry.sdk.name", "opentelemetry"],
          ["telemetry.sdk.language", s.language],
          ["telemetry.sdk.version", s.sdkVersion],
        ],
      });
    }
  }
  return fleet;
}

function hexId(b: Uint8Array): string {
  let s = "";
  for (const x of b) s += x.toString(16).padStart(2, "0");
  return s;
}

const FLEET = buildFleet();
const instancesOf = (name: string) => FLEET.filter((i) => i.service.name === name);
const INSTANCES_BY_SERVICE = new Map(SERVICES.map((s) => [s.name, instancesOf(s.name)]));

// ── per-request context shared by a trace's logs and spans ───────────────────────────

interface RequestCtx {
  route: Route;
  path: string;
  status: number;
  userId: string;
  tenant: string;
  requestId: string;
  cacheHit: boolean;
}

function statusFor(r: Rng, method: string): number {
  return r.weighted<number>([
    [method === "POST" ? 201 : 200, 93],
    [304, method === "GET" ? 1 : 0],
    [400, 1],
    [401, 0.5],
    [404, 2],
    [429, 0.5],
    [500, 1.5],
    [503, 0.5],
  ]);
}

function requestCtx(r: Rng, service: Service): RequestCtx {
  const route = r.pick(service.routes);
  return {
    route,
    path: route.path(r),
    status: statusFor(r, route.method),
    userId: userId(r),
    tenant: `t_${r.int(200)}`,
    requestId: r.alnum(20),
    cacheHit: r.chance(0.7),
  };
}

function httpAttrs(ctx: RequestCtx): Attrs {
  return [
    ["http.request.method", ctx.route.method],
    ["http.route", ctx.route.route],
    ["http.response.status_code", { int: ctx.status }],
    ["url.path", ctx.path],
    ["user.id", ctx.userId],
    ["app.tenant_id", ctx.tenant],
    ["app.request_id", ctx.requestId],
  ];
}

// ── logs ──────────────────────────────────────────────────────────────────────────────

type Fill = (r: Rng, c: RequestCtx) => string;
const ms = (r: Rng) => String(Math.round(r.logNormal(20, 1)));
const amount = (r: Rng) => (r.logNormal(60, 0.8)).toFixed(2);
const ip = (r: Rng) => `10.${r.int(4)}.${r.int(256)}.${r.int(256)}`;
const EXC = ["TimeoutError", "ConnectionResetError", "ValidationError", "NullPointerException", "SQLTransientConnectionException", "IllegalStateException"];

const TEMPLATES: Record<"DEBUG" | "INFO" | "WARN" | "ERROR", Fill[]> = {
  INFO: [
    (r, c) => `${c.route.method} ${c.path} ${c.status} ${ms(r)}ms`,
    (r, c) => `request completed method=${c.route.method} path=${c.path} status=${c.status} duration_ms=${ms(r)}`,
    (r, c) => `handling request ${c.requestId} for user ${c.userId}`,
    (r, c) => `Order ${orderId(r)} created for user ${c.userId}, total ${amount(r)} USD`,
    (r, c) => `Order ${orderId(r)} status changed to ${r.pick(["PAID", "SHIPPED", "DELIVERED", "CANCELLED"])}`,
    (r) => `Payment authorized for ${amount(r)} USD via ${r.pick(["visa", "mastercard", "amex", "paypal"])}`,
    (r) => `Reserved ${r.range(1, 5)} units of ${sku(r)} in warehouse ${r.pick(["FRA1", "IAD2", "DUB1"])}`,
    (r, c) => `User ${c.userId} logged in from ${ip(r)}`,
    (r, c) => `User ${c.userId} updated preferences: ${r.pick(["language", "currency", "newsletter", "theme"])}`,
    (r, c) => `Added ${sku(r)} x${r.range(1, 3)} to cart of ${c.userId}`,
    (r, c) => `Cart ${c.userId} has ${r.range(1, 12)} items, subtotal ${amount(r)} USD`,
    (r) => `Search query returned ${r.int(500)} hits in ${ms(r)}ms`,
    (r) => `Suggest "${r.alnum(r.range(2, 6))}" → ${r.int(10)} suggestions`,
    (r, c) => `Email sent to ${c.userId} template=${r.pick(["order_confirmation", "shipping_update", "password_reset", "welcome"])}`,
    (r, c) => `Push notification delivered to ${r.range(1, 3)} devices of ${c.userId}`,
    (r) => `Cache hit for key product:${productId(r)}`,
    (r) => `Inventory level for ${sku(r)}: ${r.int(1000)}`,
    (r) => `Rendered page in ${ms(r)}ms (ssr=${r.chance(0.5)})`,
    (r) => `Connection pool stats: active=${r.int(20)} idle=${r.int(20)} waiting=${r.int(3)}`,
    (r) => `Processed batch of ${r.range(10, 500)} events in ${ms(r)}ms`,
    (r, c) => `Refund ${orderId(r)} issued to ${c.userId}: ${amount(r)} USD`,
    (r) => `Price recalculated for ${sku(r)}: ${amount(r)} USD`,
    (r, c) => `Session ${r.alnum(24)} started for ${c.userId}`,
    (r) => `Fetched ${r.range(1, 50)} products from catalog in ${ms(r)}ms`,
    (r) => `Shipping quote ${amount(r)} USD for zone ${r.pick(["EU", "US", "APAC"])}`,
    (r) => `Scheduled job ${r.pick(["reindex", "cleanup_carts", "send_digest", "sync_stock"])} finished in ${ms(r)}ms`,
    (r, c) => `Tenant ${c.tenant} quota usage at ${r.int(100)}%`,
    (r) => `Feature flag ${r.pick(["new_checkout", "fast_search", "one_click"])} evaluated to ${r.chance(0.3)}`,
    (r) => `Upstream responded in ${ms(r)}ms from ${ip(r)}:8080`,
    (r) => `Kafka message consumed topic=orders partition=${r.int(12)} offset=${r.int(10_000_000)}`,
  ],
  DEBUG: [
    (r) => `SQL SELECT took ${ms(r)}ms rows=${r.int(100)}`,
    (r) => `cache miss for key product:${productId(r)}`,
    (r, c) => `parsed request body for ${c.path}: ${r.range(100, 4000)} bytes`,
    (r) => `retrying idempotent call attempt=${r.range(1, 3)}`,
    (r) => `loaded ${r.int(300)} feature flags from config`,
    (r) => `GC pause ${ms(r)}ms heap=${r.range(100, 900)}MB`,
    (r, c) => `auth token validated for ${c.userId} exp=${r.range(60, 3600)}s`,
    (r) => `serialized response in ${r.int(5)}ms size=${r.range(200, 90000)}`,
  ],
  WARN: [
    (r) => `Slow query detected: ${ms(r)}0ms on table ${r.pick(["orders", "stock", "accounts", "charges"])}`,
    (r) => `Retrying request to ${r.pick(SERVICES).name} after ${r.pick(["timeout", "connection reset", "503"])} (attempt ${r.range(1, 3)})`,
    (r, c) => `Rate limit approaching for tenant ${c.tenant}: ${r.range(80, 99)}%`,
    (r) => `Stock low for ${sku(r)}: ${r.int(5)} left`,
    (r, c) => `Deprecated API ${c.path} called by client ${r.pick(["ios/3.1", "android/2.9", "web/legacy"])}`,
    (r) => `Circuit breaker half-open for ${r.pick(SERVICES).name}`,
    (r, c) => `Payment declined for ${c.userId}: ${r.pick(["insufficient_funds", "card_expired", "do_not_honor"])}`,
  ],
  ERROR: [
    (r, c) => `Unhandled ${r.pick(EXC)} while processing ${c.route.method} ${c.path}: ${r.pick(["timeout after 5000ms", "connection refused", "unexpected null"])}`,
    (r) => `Failed to charge card: gateway returned ${r.pick(["502", "504", "card_error"])} (ref ${r.alnum(12)})`,
    (r) => `Database connection lost: ${r.pick(["FATAL: terminating connection due to administrator command", "read ECONNRESET", "too many clients"])}`,
    (r, c) => `Could not send email to ${c.userId}: SMTP ${r.pick(["421", "450", "554"])}`,
    (r) => `Inventory reservation failed for ${sku(r)}: version conflict`,
  ],
};
/** Each service logs the 6 generic INFO templates and 3 of its own. */
const INFO_BY_SERVICE = new Map(SERVICES.map((svc, k) => [svc.name, TEMPLATES.INFO.filter((_, j) => j < 6 || (j - 6) % SERVICES.length === k)]));
const SEVERITIES = [
  ["DEBUG", 5, 12],
  ["INFO", 9, 72],
  ["WARN", 13, 11],
  ["ERROR", 17, 5],
] as const;
const FUNCTIONS = ["handle", "create", "list", "get", "update", "reserve", "charge", "notify", "render", "search", "validate", "persist"];

export interface GenState {
  rng: Rng;
  /** Start of the next request's window, ns. */
  clockNs: bigint;
}

export function newGen(seed: number, startMs: number): GenState {
  return { rng: new Rng(seed), clockNs: BigInt(Math.floor(startMs)) * 1_000_000n };
}

/** Groups records by resource (instance) and scope, keeping their order within each group. */
function group<T>(items: { inst: Instance; scope: number; rec: T }[]): ExportRequest<T> {
  const byInst = new Map<Instance, Map<number, T[]>>();
  for (const it of items) {
    let scopes = byInst.get(it.inst);
    if (!scopes) byInst.set(it.inst, (scopes = new Map()));
    let recs = scopes.get(it.scope);
    if (!recs) scopes.set(it.scope, (recs = []));
    recs.push(it.rec);
  }
  const out: ResourceGroup<T>[] = [];
  for (const [inst, scopes] of byInst) {
    out.push({
      resource: { attributes: inst.attributes },
      scopes: [...scopes].map(([si, records]) => ({ scope: { name: inst.service.scopes[si], version: inst.service.sdkVersion }, records })),
    });
  }
  return out;
}

/** Advances the generator's clock: requests overlap like several collectors exporting at once. */
function windowOf(g: GenState): { start: bigint; stepNs: number } {
  const start = g.clockNs;
  g.clockNs += 100_000_000n; // next request starts 100 ms later
  return { start, stepNs: 2_000_000 }; // ~2 ms between records → ~2 s per 1000 records
}

export function genLogsRequest(g: GenState, n = RECORDS_PER_REQUEST): ExportRequest<LogRecord> {
  const r = g.rng;
  const { start, stepNs } = windowOf(g);
  let t = start;
  const items: { inst: Instance; scope: number; rec: LogRecord }[] = [];
  while (items.length < n) {
    const inst = r.pick(FLEET);
    const ctx = requestCtx(r, inst.service);
    // Traced requests log more lines than untraced ones: 54% of units → ~70% of records.
    const traced = r.chance(0.54);
    const traceId = traced ? r.bytes(16) : null;
    const spans = traced ? Array.from({ length: r.range(1, 3) }, () => r.bytes(8)) : [];
    const count = traced ? r.range(2, 6) : r.range(1, 3);
    const scope = r.int(inst.service.scopes.length);
    for (let i = 0; i < count && items.length < n; i++) {
      t += BigInt(Math.floor(r.next() * 2 * stepNs));
      const [sevText, sevNum] = r.weighted(SEVERITIES.map((s) => [s, s[2]] as const));
      const body = r.pick(sevText === "INFO" ? INFO_BY_SERVICE.get(inst.service.name)! : TEMPLATES[sevText])(r, ctx);
      items.push({
        inst,
        scope,
        rec: {
          timeNs: t,
          observedNs: t + BigInt(r.range(1_000_000, 50_000_000)),
          severityNumber: sevNum,
          severityText: sevText,
          body,
          attributes: [
            ...httpAttrs(ctx),
            ["app.cache_hit", ctx.cacheHit],
            ["code.function", r.pick(FUNCTIONS)],
            ...(r.chance(0.3) ? ([["app.retry_count", { int: r.int(3) }]] as Attrs) : []),
          ],
          flags: traced ? 1 : 0,
          traceId,
          spanId: traced ? r.pick(spans) : null,
        },
      });
    }
  }
  return group(items);
}

// ── spans ─────────────────────────────────────────────────────────────────────────────

const USER_AGENTS = [
  "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36",
  "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15",
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148",
  "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0",
  "shop-ios/3.1.4 (iPhone15,2; iOS 18.1)",
  "shop-android/2.9.0 (Pixel 8; Android 15)",
  "okhttp/4.12.0",
  "Go-http-client/1.1",
];
const DB_OPS = ["SELECT", "SELECT", "SELECT", "INSERT", "UPDATE"];

interface SpanBuild {
  inst: Instance;
  scope: number;
  rec: Span;
}

export function genSpansRequest(g: GenState, n = RECORDS_PER_REQUEST): ExportRequest<Span> {
  const r = g.rng;
  const { start, stepNs } = windowOf(g);
  let t = start;
  const items: SpanBuild[] = [];
  while (items.length < n) {
    const target = Math.min(r.range(5, 10), n - items.length);
    t += BigInt(Math.floor(r.next() * 2 * stepNs * target));
    const trace: SpanBuild[] = [];
    const traceId = r.bytes(16);
    const entry = r.chance(0.6) ? SERVICE_BY_NAME.get("frontend")! : r.pick(SERVICES);
    serverSpan(r, trace, target, traceId, null, entry, t, r.logNormal(40, 0.9) * 1e6, null);
    // Exporters send spans as they end: children before their parents.
    trace.sort((a, b) => (a.rec.endNs < b.rec.endNs ? -1 : a.rec.endNs > b.rec.endNs ? 1 : 0));
    items.push(...trace);
  }
  return group(items);
}

function ns(x: number): bigint {
  return BigInt(Math.max(1000, Math.round(x)));
}

/** A SERVER span for `service` and, budget permitting, its children. */
function serverSpan(
  r: Rng,
  out: SpanBuild[],
  budget: number,
  traceId: Uint8Array,
  parent: Uint8Array | null,
  service: Service,
  startNs: bigint,
  durNs: number,
  inherited: RequestCtx | null,
): void {
  const inst = r.pick(INSTANCES_BY_SERVICE.get(service.name)!);
  const ctx = requestCtx(r, service);
  if (inherited) ctx.userId = inherited.userId;
  const spanId = r.bytes(8);
  const error = ctx.status >= 500;
  const span: Span = {
    traceId,
    spanId,
    parentSpanId: parent,
    traceState: "",
    name: `${ctx.route.method} ${ctx.route.route}`,
    kind: 2,
    startNs,
    endNs: startNs + ns(durNs),
    attributes: [
      ["http.request.method", ctx.route.method],
      ["http.route", ctx.route.route],
      ["http.response.status_code", { int: ctx.status }],
      ["url.path", ctx.path],
      ["url.scheme", "https"],
      ["server.address", `${service.name}.shop.svc.cluster.local`],
      ["user_agent.original", parent ? "Go-http-client/1.1" : r.pick(USER_AGENTS)],
      ["client.address", parent ? `10.1.${r.int(256)}.${r.int(256)}` : `${r.range(1, 223)}.${r.int(256)}.${r.int(256)}.${r.int(256)}`],
      ["user.id", ctx.userId],
      ["app.tenant_id", ctx.tenant],
    ],
    events: [],
    statusCode: error ? 2 : 0,
    statusMessage: error ? `HTTP ${ctx.status}` : "",
  };
  if (error && r.chance(0.6)) {
    const type = r.pick(EXC);
    span.events.push({
      timeNs: span.endNs - 1000n,
      name: "exception",
      attributes: [
        ["exception.type", type],
        ["exception.message", `${type}: ${r.pick(["timeout after 5000ms", "connection refused", "unexpected null"])}`],
        ["exception.stacktrace", `${type}\n    at handle (${service.name}/src/handler.js:${r.range(10, 400)}:${r.range(1, 40)})\n    at process (${service.name}/src/router.js:88:12)`],
      ],
    });
  }
  out.push({ inst, scope: 0, rec: span });
  let remaining = budget - 1;
  // Children: a validation step, db calls and downstream calls, sequential within the parent.
  let cursor = startNs + ns(durNs * 0.02);
  const end = span.endNs;
  const slot = () => {
    const left = Number(end - cursor);
    return Math.max(1000, Math.min(left * 0.9, r.logNormal(Math.max(left / 4, 2e5), 0.7)));
  };
  const steps: string[] = ["internal"];
  if (service.db) steps.push("db", "db");
  for (const d of service.downstream) if (r.chance(0.5)) steps.push(`call:${d}`);
  if (service.db) steps.push("db");
  for (const step of steps) {
    if (remaining <= 0) break;
    const d = slot();
    if (step === "internal") {
      out.push({ inst, scope: 1, rec: internalSpan(r, traceId, spanId, cursor, d, ctx) });
      remaining--;
    } else if (step === "db") {
      out.push({ inst, scope: 1, rec: dbSpan(r, traceId, spanId, cursor, d, service) });
      remaining--;
    } else {
      const callee = SERVICE_BY_NAME.get(step.slice(5))!;
      const client = clientSpan(r, traceId, spanId, cursor, d, callee);
      out.push({ inst, scope: 0, rec: client });
      remaining--;
      if (remaining > 0) {
        const sub = Math.max(1, Math.min(remaining, r.range(1, 4)));
        serverSpan(r, out, sub, traceId, client.spanId, callee, client.startNs + ns(d * 0.05), d * 0.9, ctx);
        remaining -= sub;
      }
    }
    cursor += ns(d);
    if (cursor >= end) cursor = end - 1000n;
  }
  // Pad with more db / internal spans until the trace has its target size.
  while (remaining > 0) {
    const d = slot();
    out.push({ inst, scope: 1, rec: service.db && r.chance(0.6) ? dbSpan(r, traceId, spanId, cursor, d, service) : internalSpan(r, traceId, spanId, cursor, d, ctx) });
    remaining--;
  }
}

function internalSpan(r: Rng, traceId: Uint8Array, parent: Uint8Array, startNs: bigint, durNs: number, ctx: RequestCtx): Span {
  const fn = r.pick(FUNCTIONS);
  return {
    traceId,
    spanId: r.bytes(8),
    parentSpanId: parent,
    traceState: "",
    name: fn,
    kind: 1,
    startNs,
    endNs: startNs + ns(durNs),
    attributes: [
      ["code.function", fn],
      ["code.namespace", `shop.${fn}`],
      ["user.id", ctx.userId],
      ["app.tenant_id", ctx.tenant],
      ["app.request_id", ctx.requestId],
      ["app.cache_hit", ctx.cacheHit],
      ["app.items", { int: r.int(20) }],
      ["thread.name", `worker-${r.int(16)}`],
    ],
    events: [],
    statusCode: 0,
    statusMessage: "",
  };
}

function dbSpan(r: Rng, traceId: Uint8Array, parent: Uint8Array, startNs: bigint, durNs: number, service: Service): Span {
  const db = service.db!;
  const op = db.system === "redis" ? r.pick(["GET", "SET", "HGETALL"]) : db.system === "elasticsearch" ? "search" : r.pick(DB_OPS);
  const query =
    db.system === "redis"
      ? `${op} ${db.table}:?`
      : db.system === "elasticsearch"
        ? `{"query":{"match":{"name":"?"}},"size":20}`
        : op === "SELECT"
          ? `SELECT * FROM ${db.table} WHERE id = $1`
          : op === "INSERT"
            ? `INSERT INTO ${db.table} (id, user_id, data) VALUES ($1, $2, $3)`
            : `UPDATE ${db.table} SET data = $2, updated_at = now() WHERE id = $1`;
  return {
    traceId,
    spanId: r.bytes(8),
    parentSpanId: parent,
    traceState: "",
    name: `${op} ${db.name}.${db.table}`,
    kind: 3,
    startNs,
    endNs: startNs + ns(r.logNormal(Math.min(durNs, 3e6), 0.8)),
    attributes: [
      ["db.system.name", db.system],
      ["db.namespace", db.name],
      ["db.collection.name", db.table],
      ["db.operation.name", op],
      ["db.query.text", query],
      ["server.address", `${db.system}-${db.name}.shop.svc.cluster.local`],
      ["server.port", { int: db.system === "redis" ? 6379 : db.system === "elasticsearch" ? 9200 : 5432 }],
      ["db.response.returned_rows", { int: r.int(50) }],
    ],
    events: [],
    statusCode: 0,
    statusMessage: "",
  };
}

function clientSpan(r: Rng, traceId: Uint8Array, parent: Uint8Array, startNs: bigint, durNs: number, callee: Service): Span {
  const route = r.pick(callee.routes);
  const path = route.path(r);
  const status = statusFor(r, route.method);
  return {
    traceId,
    spanId: r.bytes(8),
    parentSpanId: parent,
    traceState: "",
    name: route.method,
    kind: 3,
    startNs,
    endNs: startNs + ns(durNs),
    attributes: [
      ["http.request.method", route.method],
      ["http.response.status_code", { int: status }],
      ["url.full", `http://${callee.name}.shop.svc.cluster.local:8080${path}`],
      ["server.address", `${callee.name}.shop.svc.cluster.local`],
      ["server.port", { int: 8080 }],
      ["network.protocol.version", "1.1"],
      ["http.request.resend_count", { int: 0 }],
      ["peer.service", callee.name],
    ],
    events: [],
    statusCode: status >= 500 ? 2 : 0,
    statusMessage: "",
  };
}

export function countRecords<T>(req: ExportRequest<T>): number {
  let n = 0;
  for (const rg of req) for (const sg of rg.scopes) n += sg.records.length;
  return n;
}
