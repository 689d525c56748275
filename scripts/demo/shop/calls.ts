/**
 * The building blocks the services are written with: an HTTP call between two
 * services (the caller's CLIENT span around the callee's SERVER span, with timeouts
 * that can leave the server side running), a database call, an in-process step, a
 * log line, a recorded exception. Attribute names follow the OpenTelemetry semantic
 * conventions, so the platform's promoted columns (http.route, db.statement, …) fill.
 */
import { type Op, fails, latency } from "../behaviour.ts";
import type { IncidentKind } from "../incidents.ts";
import { type Attrs, type Severity, type SpanPlan, newSpan } from "../plan.ts";
import { type Rng, pick } from "../random.ts";
import { SERVICES, type ServiceName } from "../services.ts";
import type { User } from "./data.ts";

/** The state one simulated request is generated with. */
export interface Sim {
  rng: Rng;
  incident: IncidentKind | null;
  user: User;
}

/** What a handler answers: a status code, and when it finished (ms from trace start). */
export interface Reply {
  status: number;
  end: number;
}

export type Handler = (span: SpanPlan, t: number) => Reply;

export const HTTP_SCOPE = "@opentelemetry/instrumentation-http";

export function took(sim: Sim, op: Op): number {
  return latency(sim.rng, op, sim.incident);
}

export function failed(sim: Sim, op: Op): boolean {
  return fails(sim.rng, op, sim.incident);
}

export function log(span: SpanPlan, at: number, severity: Severity, body: string, attributes: Attrs = {}): void {
  span.logs.push({ at, severity, body, attributes });
}

/** Records an exception event on the span and sets its status to ERROR. */
export function fail(span: SpanPlan, at: number, type: string, message: string, frame: string): void {
  span.exception = { at, type, message, stack: `${type}: ${message}\n    at ${frame}` };
  span.error = message;
  span.attributes["error.type"] = type;
}

/** An in-process step of the parent's service (rendering, scoring). */
export function internal(sim: Sim, parent: SpanPlan, name: string, op: Op, start: number, attributes: Attrs = {}): SpanPlan {
  const span = newSpan(parent.service, name, "INTERNAL", `shop.${parent.service}`, start, attributes);
  span.end = start + took(sim, op);
  parent.children.push(span);
  return span;
}

/** A request served by `service`: `handle` adds the work and returns status and end. */
export function serve(sim: Sim, service: ServiceName, method: string, route: string, path: string, start: number, handle: Handler, extra: Attrs = {}): SpanPlan {
  const span = newSpan(service, `${method} ${route}`, "SERVER", HTTP_SCOPE, start, {
    "http.request.method": method,
    "http.route": route,
    "url.path": path,
    "url.scheme": "http",
    "server.address": service,
    "server.port": SERVICES[service].port,
    "network.protocol.version": "1.1",
    ...extra,
  });
  const reply = handle(span, start + took(sim, "handler"));
  span.end = reply.end + took(sim, "handler") / 3;
  span.attributes["http.response.status_code"] = reply.status;
  if (reply.status >= 500) {
    span.error ??= `HTTP ${reply.status}`;
    span.attributes["error.type"] ??= String(reply.status);
  }
  return span;
}

/**
 * `parent`'s service calls `callee`. `status` is null when the caller gave up after
 * `timeoutMs`; the callee's span then still ends when the callee finishes.
 */
export function call(
  sim: Sim,
  parent: SpanPlan,
  callee: ServiceName,
  method: string,
  route: string,
  path: string,
  start: number,
  handle: Handler,
  timeoutMs = 10_000,
): { status: number | null; end: number } {
  const url = `http://${callee}:${SERVICES[callee].port}${path}`;
  const client = newSpan(parent.service, `${method} ${route}`, "CLIENT", HTTP_SCOPE, start, {
    "http.request.method": method,
    "url.full": url,
    "url.template": route,
    "server.address": callee,
    "server.port": SERVICES[callee].port,
  });
  parent.children.push(client);
  const server = serve(sim, callee, method, route, path, start + took(sim, "hop"), handle);
  client.children.push(server);
  const end = server.end + took(sim, "hop");
  if (end - start > timeoutMs) {
    client.end = start + timeoutMs;
    fail(client, client.end, "TimeoutError", `${method} ${url} timed out after ${timeoutMs} ms`, `${callee}Client.request (src/clients/${callee}.ts:48:13)`);
    return { status: null, end: client.end };
  }
  const status = server.attributes["http.response.status_code"] as number;
  client.end = end;
  client.attributes["http.response.status_code"] = status;
  if (status >= 400) {
    client.error = `HTTP ${status}`;
    client.attributes["error.type"] = String(status);
  }
  return { status, end };
}

export interface DbCall {
  system: "postgresql" | "redis";
  op: Op;
  /** db.operation.name: SELECT, INSERT, HGETALL… */
  operation: string;
  /** The table or key family: `products`, `cart`. */
  collection: string;
  statement: string;
  database: string;
}

const DB_ERRORS: Record<DbCall["system"], readonly (readonly [type: string, message: string])[]> = {
  postgresql: [
    ["PostgresError", "deadlock detected"],
    ["PostgresError", "canceling statement due to statement timeout"],
    ["ConnectionResetError", "read ECONNRESET"],
  ],
  redis: [
    ["RedisTimeoutError", "Command timed out after 250ms"],
    ["ConnectionError", "Connection lost (ECONNRESET)"],
  ],
};

/** A database call from `parent`'s service; check `.error` on the result. Slow queries log a warning. */
export function db(sim: Sim, parent: SpanPlan, q: DbCall, start: number): SpanPlan {
  const pg = q.system === "postgresql";
  const span = newSpan(parent.service, `${q.operation} ${q.collection}`, "CLIENT", pg ? "@opentelemetry/instrumentation-pg" : "@opentelemetry/instrumentation-ioredis", start, {
    "db.system": q.system,
    "db.statement": q.statement,
    "db.name": q.database,
    "db.operation.name": q.operation,
    "db.collection.name": q.collection,
    "server.address": pg ? "postgres-primary.shop.svc" : "redis-cart.shop.svc",
    "server.port": pg ? 5432 : 6379,
  });
  span.end = start + took(sim, q.op);
  parent.children.push(span);
  if (failed(sim, q.op)) {
    const [type, message] = pick(sim.rng, DB_ERRORS[q.system]);
    fail(span, span.end, type, message, pg ? "Connection.query (node_modules/pg/lib/client.js:526:17)" : "RedisClient.sendCommand (node_modules/ioredis/built/Redis.js:368:22)");
  } else if (pg && span.end - start > 500) {
    log(parent, span.end, "WARN", `slow query (${Math.round(span.end - start)} ms): ${q.statement}`, { "db.statement": q.statement, "db.duration_ms": Math.round(span.end - start) });
  }
  return span;
}
