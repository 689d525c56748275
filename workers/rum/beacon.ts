/**
 * Validates a beacon from the browser SDK and turns it into `rum` rows. Pure: the
 * request's time, User-Agent and location are passed in. A beacon that breaks a rule is
 * refused whole with the path of the first bad field (`events[3].type: …`), so a broken
 * SDK build shows up at once instead of as silently missing data.
 *
 * Browser clocks are often wrong by minutes or hours: the SDK stamps `sent` when it
 * sends, and every event time is shifted by (server now − sent).
 */
import type { GeoInfo } from "./geo";
import type { RumRow } from "./rows";
import type { UserAgentInfo } from "./user-agent";

export const EVENT_TYPES = ["view", "vital", "error", "request", "action", "long_task", "resource"] as const;
export const MAX_EVENTS = 500;
const MAX_ATTRS = 64;
const MAX_FRAMES = 50;
/** Events older than this (after skew correction) are refused: a replayed or stuck beacon. */
const MAX_AGE_MS = 24 * 3_600_000;
const MAX_FUTURE_MS = 60_000;

export class BeaconError extends Error {}

export interface BeaconContext {
  nowMs: number;
  ua: UserAgentInfo;
  geo: GeoInfo;
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

function fail(path: string, message: string): never {
  throw new BeaconError(`${path}: ${message}`);
}

function str(o: Obj, key: string, path: string, max: number, required = false): string | null {
  const v = o[key];
  if (v === undefined || v === null) {
    if (required) fail(`${path}${key}`, "is required");
    return null;
  }
  if (typeof v !== "string") fail(`${path}${key}`, `expected a string, got ${typeof v}`);
  return v.length > max ? v.slice(0, max) : v;
}

function num(o: Obj, key: string, path: string): number | null {
  const v = o[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== "number" || !Number.isFinite(v)) fail(`${path}${key}`, "expected a finite number");
  return v;
}

function hex(o: Obj, key: string, path: string, len: number): string | null {
  const v = str(o, key, path, len + 1);
  if (v !== null && !new RegExp(`^[0-9a-f]{${len}}$`).test(v)) fail(`${path}${key}`, `expected ${len} lowercase hex characters`);
  return v;
}

function stringMap(v: unknown, path: string): Record<string, string> {
  if (v === undefined || v === null) return {};
  if (!isObj(v)) fail(path, "expected an object of strings");
  const entries = Object.entries(v);
  if (entries.length > MAX_ATTRS) fail(path, `at most ${MAX_ATTRS} keys, got ${entries.length}`);
  const out: Record<string, string> = {};
  for (const [k, val] of entries) {
    if (typeof val !== "string") fail(`${path}.${k}`, "expected a string");
    out[k.slice(0, 200)] = val.slice(0, 1000);
  }
  return out;
}

function frames(v: unknown, path: string): string | null {
  if (v === undefined || v === null) return null;
  if (!Array.isArray(v)) fail(path, "expected an array of frames");
  const out = v.slice(0, MAX_FRAMES).map((f, i) => {
    if (!isObj(f)) fail(`${path}[${i}]`, "expected {fn, file, line, col}");
    return { fn: str(f, "fn", `${path}[${i}].`, 300) ?? "?", file: str(f, "file", `${path}[${i}].`, 1000) ?? "", line: num(f, "line", `${path}[${i}].`) ?? 0, col: num(f, "col", `${path}[${i}].`) ?? 0 };
  });
  return JSON.stringify(out);
}

function topFrame(framesJson: string | null): string | null {
  if (!framesJson) return null;
  const f = (JSON.parse(framesJson) as { fn: string; file: string; line: number; col: number }[])[0];
  return f ? `${f.fn} (${f.file}:${f.line}:${f.col})` : null;
}

export function parseBeacon(text: string, ctx: BeaconContext): RumRow[] {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (err) {
    throw new BeaconError(`body is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (!isObj(root)) fail("body", "expected a JSON object");
  if (root.v !== undefined && root.v !== 1) fail("v", `unsupported beacon version ${JSON.stringify(root.v)} (this server reads 1)`);
  const service = str(root, "service", "", 200, true);
  const session = hex(root, "session", "", 32);
  if (!session) fail("session", "is required");
  const sent = num(root, "sent", "");
  const skewMs = sent === null ? 0 : ctx.nowMs - sent;
  const user = stringMap(root.user, "user");
  const context = stringMap(root.context, "context");
  const events = root.events;
  if (!Array.isArray(events) || events.length === 0) fail("events", "expected a non-empty array");
  if (events.length > MAX_EVENTS) fail("events", `at most ${MAX_EVENTS} events per beacon, got ${events.length}`);

  const shared = {
    session_id: session,
    service_name: service,
    service_version: str(root, "version", "", 200),
    deployment_environment: str(root, "env", "", 200),
    user_id: user.id ?? null,
    ...ctx.ua,
    ...ctx.geo,
  };
  const userAttrs = Object.fromEntries(Object.entries(user).filter(([k]) => k !== "id").map(([k, v]) => [`user.${k}`, v]));

  return events.map((e, i): RumRow => {
    const p = `events[${i}].`;
    if (!isObj(e)) fail(`events[${i}]`, "expected an object");
    const type = str(e, "type", p, 20, true)!;
    if (!(EVENT_TYPES as readonly string[]).includes(type)) fail(`${p}type`, `expected one of ${EVENT_TYPES.join(", ")}, got ${JSON.stringify(type)}`);
    const t = num(e, "t", p);
    if (t === null) fail(`${p}t`, "is required (ms since the epoch)");
    const at = t + skewMs;
    if (at < ctx.nowMs - MAX_AGE_MS || at > ctx.nowMs + MAX_FUTURE_MS) fail(`${p}t`, "event time is more than 24 hours old or in the future");
    const status = num(e, "status", p);
    if (status !== null && (!Number.isInteger(status) || status < 0 || status > 999)) fail(`${p}status`, "expected an HTTP status code (0 for a failed request)");
    const frameJson = frames(e.frames, `${p}frames`);
    const isRequest = type === "request";
    return {
      timestamp: Math.round(at * 1000),
      type,
      name: str(e, "name", p, 200),
      value: isRequest ? num(e, "duration", p) ?? num(e, "value", p) : num(e, "value", p),
      rating: str(e, "rating", p, 40),
      target: str(e, "target", p, 300),
      view_id: hex(e, "view", p, 16),
      page: str(e, "page", p, 1000),
      url: str(e, "url", p, 2000),
      error_type: str(e, "error_type", p, 200),
      error_message: str(e, "message", p, 4000),
      error_frames: frameJson,
      error_top_frame: topFrame(frameJson),
      http_request_method: str(e, "method", p, 20),
      http_response_status_code: status,
      url_full: str(e, "request_url", p, 2000),
      trace_id: hex(e, "trace_id", p, 32),
      span_id: hex(e, "span_id", p, 16),
      ...shared,
      attributes: { ...context, ...userAttrs, ...stringMap(e.attrs, `${p}attrs`) },
    };
  });
}
