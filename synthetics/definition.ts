/**
 * What a synthetic check is, and the validation that turns user input (API body or a
 * checks-as-code file) into a normalised definition, or into every problem found with
 * the field path of each (`steps[1].request.url: …`), so a bad definition changes nothing.
 */

export const REGIONS = ["wnam", "enam", "sam", "weur", "eeur", "apac", "oc", "afr", "me"] as const;
export type Region = (typeof REGIONS)[number];

export const INTERVALS = [1, 5, 10, 15, 30, 60] as const;
export type IntervalMinutes = (typeof INTERVALS)[number];

export const CHECK_TYPES = ["http", "multistep", "heartbeat"] as const;
export type CheckType = (typeof CHECK_TYPES)[number];

export const METHODS = ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"] as const;

export const ASSERTION_TYPES = ["status", "header", "body", "json", "response_time"] as const;
export type AssertionType = (typeof ASSERTION_TYPES)[number];

export const OPERATORS = ["eq", "neq", "lt", "lte", "gt", "gte", "contains", "not_contains", "matches", "exists", "not_exists", "in"] as const;
export type Operator = (typeof OPERATORS)[number];

export interface Assertion {
  type: AssertionType;
  /** Header name for `header`, JSON path for `json`; unused otherwise. */
  target?: string;
  operator: Operator;
  /** Compared value: a string, number, boolean, or a list for `in`. Absent for exists/not_exists. */
  value?: string | number | boolean | (string | number)[];
}

export interface Extraction {
  /** Variable name later steps use as `{{name}}`. */
  name: string;
  from: "json" | "header" | "regex";
  /** JSON path (json), header name (header) or regular expression (regex, first group if any). */
  path: string;
  /** Redact the value from everything recorded (tokens). */
  secret?: boolean;
}

export interface RequestSpec {
  method: (typeof METHODS)[number];
  url: string;
  headers: Record<string, string>;
  body: string | null;
  timeoutMs: number;
  followRedirects: boolean;
  maxRedirects: number;
}

export interface Step {
  name: string;
  request: RequestSpec;
  /** Accepted final statuses: numbers or classes like "2xx". */
  expectedStatus: string[];
  assertions: Assertion[];
  extract: Extraction[];
}

export interface IncidentPolicy {
  /** Failing regions needed for a run to count as failing (capped at the number of regions). */
  minFailingRegions: number;
  /** Consecutive failing runs before an incident opens. */
  consecutiveRuns: number;
}

export interface CheckDefinition {
  name: string;
  type: CheckType;
  enabled: boolean;
  intervalMinutes: IntervalMinutes;
  regions: Region[];
  /** http: one step; multistep: several; heartbeat: none. */
  steps: Step[];
  /** Warn when the certificate of an HTTPS target expires within this many days. */
  sslExpiryDays: number;
  incident: IncidentPolicy;
  /** heartbeat: minutes past the expected ping before the switch trips. */
  graceMinutes: number;
  tags: Record<string, string>;
}

export interface FieldProblem {
  path: string;
  message: string;
}

export class CheckValidationError extends Error {
  readonly problems: FieldProblem[];
  constructor(problems: FieldProblem[]) {
    super(problems.map((p) => `${p.path}: ${p.message}`).join("; "));
    this.problems = problems;
  }
}

export const LIMITS = {
  nameLength: 200,
  steps: 10,
  assertionsPerStep: 30,
  extractionsPerStep: 10,
  headers: 30,
  bodyBytes: 64 * 1024,
  urlLength: 2048,
  timeoutMs: 30_000,
  maxRedirects: 10,
  tags: 20,
} as const;

const DEFAULT_TIMEOUT_MS = 10_000;
const DEFAULT_STATUS = ["2xx"];
const VAR_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

class Collector {
  problems: FieldProblem[] = [];
  add(path: string, message: string): void {
    this.problems.push({ path, message });
  }
  unknownKeys(obj: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) if (!allowed.includes(k)) this.add(join(path, k), `unknown field (allowed: ${allowed.join(", ")})`);
  }
}

const join = (path: string, key: string | number) => (typeof key === "number" ? `${path}[${key}]` : path ? `${path}.${key}` : key);

function oneOf<T extends string | number>(c: Collector, path: string, v: unknown, allowed: readonly T[], fallback: T): T {
  if (v === undefined) return fallback;
  if (!allowed.includes(v as T)) c.add(path, `must be one of ${allowed.join(", ")} (got ${JSON.stringify(v)})`);
  return v as T;
}

function int(c: Collector, path: string, v: unknown, min: number, max: number, fallback: number): number {
  if (v === undefined) return fallback;
  if (typeof v !== "number" || !Number.isInteger(v) || v < min || v > max) c.add(path, `must be an integer from ${min} to ${max}`);
  return v as number;
}

function stringMap(c: Collector, path: string, v: unknown, max: number): Record<string, string> {
  if (v === undefined) return {};
  if (!isObj(v)) {
    c.add(path, "must be an object of string values");
    return {};
  }
  const entries = Object.entries(v);
  if (entries.length > max) c.add(path, `at most ${max} entries`);
  for (const [k, val] of entries) if (typeof val !== "string") c.add(join(path, k), "must be a string");
  return v as Record<string, string>;
}

const STATUS_PATTERN = /^[1-5](\d\d|xx)$/;

function request(c: Collector, path: string, v: unknown): RequestSpec {
  const r: Obj = isObj(v) ? v : {};
  if (!isObj(v)) c.add(path, "must be an object with at least a url");
  c.unknownKeys(r, path, ["method", "url", "headers", "body", "timeoutMs", "followRedirects", "maxRedirects"]);
  const url = r.url;
  if (typeof url !== "string" || url.length === 0) c.add(join(path, "url"), "required: an http(s) URL");
  else if (url.length > LIMITS.urlLength) c.add(join(path, "url"), `longer than ${LIMITS.urlLength} characters`);
  else if (!/^(https?:\/\/[^/\s]|\{\{)/i.test(url)) c.add(join(path, "url"), "must start with http:// or https:// (or a {{variable}})");
  else if (!url.includes("{{")) {
    try {
      new URL(url);
    } catch {
      c.add(join(path, "url"), "is not a valid URL");
    }
  }
  const body = r.body;
  if (body !== undefined && body !== null && typeof body !== "string") c.add(join(path, "body"), "must be a string (serialise JSON yourself)");
  else if (typeof body === "string" && new TextEncoder().encode(body).byteLength > LIMITS.bodyBytes) c.add(join(path, "body"), `larger than ${LIMITS.bodyBytes} bytes`);
  if (r.followRedirects !== undefined && typeof r.followRedirects !== "boolean") c.add(join(path, "followRedirects"), "must be true or false");
  return {
    method: oneOf(c, join(path, "method"), typeof r.method === "string" ? r.method.toUpperCase() : r.method, METHODS, "GET"),
    url: url as string,
    headers: stringMap(c, join(path, "headers"), r.headers, LIMITS.headers),
    body: (body as string | undefined) ?? null,
    timeoutMs: int(c, join(path, "timeoutMs"), r.timeoutMs, 100, LIMITS.timeoutMs, DEFAULT_TIMEOUT_MS),
    followRedirects: (r.followRedirects as boolean | undefined) ?? true,
    maxRedirects: int(c, join(path, "maxRedirects"), r.maxRedirects, 0, LIMITS.maxRedirects, 5),
  };
}

function assertion(c: Collector, path: string, v: unknown): Assertion {
  if (!isObj(v)) {
    c.add(path, "must be an object {type, operator, value}");
    return { type: "status", operator: "eq" };
  }
  c.unknownKeys(v, path, ["type", "target", "operator", "value"]);
  const type = oneOf(c, join(path, "type"), v.type, ASSERTION_TYPES, "status");
  const operator = oneOf(c, join(path, "operator"), v.operator, OPERATORS, "eq");
  if ((type === "header" || type === "json") && (typeof v.target !== "string" || !v.target)) {
    c.add(join(path, "target"), type === "json" ? "required: a JSON path like $.data.id" : "required: a header name");
  }
  if (type === "json" && typeof v.target === "string" && v.target && !v.target.startsWith("$")) c.add(join(path, "target"), "a JSON path starts with $");
  const needsValue = operator !== "exists" && operator !== "not_exists";
  if (needsValue && v.value === undefined) c.add(join(path, "value"), `required for operator ${operator}`);
  if (operator === "in" && !Array.isArray(v.value)) c.add(join(path, "value"), "must be a list for operator in");
  if (operator === "matches" && typeof v.value === "string") {
    try {
      new RegExp(v.value);
    } catch (e) {
      c.add(join(path, "value"), `not a valid regular expression: ${(e as Error).message}`);
    }
  }
  if ((type === "status" || type === "response_time") && ["lt", "lte", "gt", "gte"].includes(operator) && typeof v.value !== "number") {
    c.add(join(path, "value"), "must be a number");
  }
  const out: Assertion = { type, operator };
  if (typeof v.target === "string") out.target = v.target;
  if (v.value !== undefined) out.value = v.value as Assertion["value"];
  return out;
}

function extraction(c: Collector, path: string, v: unknown): Extraction {
  if (!isObj(v)) {
    c.add(path, "must be an object {name, from, path}");
    return { name: "", from: "json", path: "" };
  }
  c.unknownKeys(v, path, ["name", "from", "path", "secret"]);
  if (typeof v.name !== "string" || !VAR_NAME.test(v.name)) c.add(join(path, "name"), "required: letters, digits and _ (a variable name)");
  else if (v.name === "secrets") c.add(join(path, "name"), "'secrets' is reserved");
  const from = oneOf(c, join(path, "from"), v.from, ["json", "header", "regex"] as const, "json");
  if (typeof v.path !== "string" || !v.path) c.add(join(path, "path"), "required");
  else if (from === "json" && !v.path.startsWith("$")) c.add(join(path, "path"), "a JSON path starts with $");
  else if (from === "regex") {
    try {
      new RegExp(v.path);
    } catch (e) {
      c.add(join(path, "path"), `not a valid regular expression: ${(e as Error).message}`);
    }
  }
  return { name: v.name as string, from, path: v.path as string, secret: v.secret === true };
}

function list<T>(c: Collector, path: string, v: unknown, max: number, each: (p: string, x: unknown) => T): T[] {
  if (v === undefined) return [];
  if (!Array.isArray(v)) {
    c.add(path, "must be a list");
    return [];
  }
  if (v.length > max) c.add(path, `at most ${max} entries`);
  return v.map((x, i) => each(join(path, i), x));
}

function expectedStatus(c: Collector, path: string, v: unknown): string[] {
  if (v === undefined) return DEFAULT_STATUS;
  const arr = Array.isArray(v) ? v : [v];
  if (arr.length === 0) c.add(path, "must list at least one status");
  return arr.map((s, i) => {
    const text = String(s).toLowerCase();
    if (!STATUS_PATTERN.test(text)) c.add(join(path, i), `not a status or class like 200 or "2xx" (got ${JSON.stringify(s)})`);
    return text;
  });
}

function step(c: Collector, path: string, v: Obj, name: string): Step {
  return {
    name,
    request: request(c, join(path, "request"), v.request),
    expectedStatus: expectedStatus(c, join(path, "expectedStatus"), v.expectedStatus),
    assertions: list(c, join(path, "assertions"), v.assertions, LIMITS.assertionsPerStep, (p, x) => assertion(c, p, x)),
    extract: list(c, join(path, "extract"), v.extract, LIMITS.extractionsPerStep, (p, x) => extraction(c, p, x)),
  };
}

/** Validates and normalises a definition (defaults filled in); throws CheckValidationError with every problem. */
export function parseCheck(input: unknown): CheckDefinition {
  const c = new Collector();
  if (!isObj(input)) throw new CheckValidationError([{ path: "", message: "a check must be a JSON object" }]);
  const common = ["name", "type", "enabled", "intervalMinutes", "regions", "sslExpiryDays", "incident", "tags"];
  const type = oneOf(c, "type", input.type, CHECK_TYPES, "http");
  const extra = type === "http" ? ["request", "expectedStatus", "assertions"] : type === "multistep" ? ["steps"] : ["graceMinutes"];
  c.unknownKeys(input, "", [...common, ...extra]);

  const name = input.name;
  if (typeof name !== "string" || !name.trim()) c.add("name", "required");
  else if (name.length > LIMITS.nameLength) c.add("name", `longer than ${LIMITS.nameLength} characters`);
  if (input.enabled !== undefined && typeof input.enabled !== "boolean") c.add("enabled", "must be true or false");

  const intervalMinutes = oneOf(c, "intervalMinutes", input.intervalMinutes, INTERVALS, 5);
  let regions: Region[] = [];
  if (type !== "heartbeat") {
    regions = list(c, "regions", input.regions ?? ["wnam", "weur"], REGIONS.length, (p, r) => oneOf(c, p, r, REGIONS, "wnam"));
    if (regions.length === 0) c.add("regions", `list at least one of ${REGIONS.join(", ")}`);
    if (new Set(regions).size !== regions.length) c.add("regions", "lists a region twice");
  }

  let steps: Step[] = [];
  if (type === "http") steps = [step(c, "", input, "request")];
  if (type === "multistep") {
    steps = list(c, "steps", input.steps, LIMITS.steps, (p, s) => {
      if (!isObj(s)) {
        c.add(p, "must be an object {name, request, …}");
        return null;
      }
      c.unknownKeys(s, p, ["name", "request", "expectedStatus", "assertions", "extract"]);
      if (typeof s.name !== "string" || !s.name.trim()) c.add(join(p, "name"), "required");
      return step(c, p, s, String(s.name ?? ""));
    }).filter((s): s is Step => s !== null);
    if (steps.length === 0 && Array.isArray(input.steps)) c.add("steps", "list at least one step");
    if (input.steps === undefined) c.add("steps", "required for a multistep check");
  }

  const inc: Obj = isObj(input.incident) ? input.incident : {};
  if (input.incident !== undefined && !isObj(input.incident)) c.add("incident", "must be an object {minFailingRegions, consecutiveRuns}");
  c.unknownKeys(inc, "incident", ["minFailingRegions", "consecutiveRuns"]);
  const incident: IncidentPolicy = {
    minFailingRegions: int(c, "incident.minFailingRegions", inc.minFailingRegions, 1, REGIONS.length, 2),
    consecutiveRuns: int(c, "incident.consecutiveRuns", inc.consecutiveRuns, 1, 100, 2),
  };

  const def: CheckDefinition = {
    name: typeof name === "string" ? name.trim() : "",
    type,
    enabled: (input.enabled as boolean | undefined) ?? true,
    intervalMinutes,
    regions,
    steps,
    sslExpiryDays: int(c, "sslExpiryDays", input.sslExpiryDays, 0, 365, 14),
    incident,
    graceMinutes: type === "heartbeat" ? int(c, "graceMinutes", input.graceMinutes, 0, 24 * 60, 5) : 0,
    tags: stringMap(c, "tags", input.tags, LIMITS.tags),
  };
  if (c.problems.length) throw new CheckValidationError(c.problems);
  return def;
}

/** Failing regions a run needs to count as failing: the policy's N, but never more regions than the check has. */
export function failingRegionsNeeded(def: Pick<CheckDefinition, "regions" | "incident">): number {
  return Math.max(1, Math.min(def.incident.minFailingRegions, def.regions.length));
}

/** The input form of a normalised definition: what the API returns, so GET → PUT round-trips (parseCheck(toInput(d)) equals d). */
export function toInput(def: CheckDefinition): Record<string, unknown> {
  const common = { name: def.name, type: def.type, enabled: def.enabled, intervalMinutes: def.intervalMinutes, sslExpiryDays: def.sslExpiryDays, incident: def.incident, tags: def.tags };
  if (def.type === "heartbeat") return { ...common, graceMinutes: def.graceMinutes };
  if (def.type === "http") {
    const s = def.steps[0];
    return { ...common, regions: def.regions, request: s.request, expectedStatus: s.expectedStatus, assertions: s.assertions };
  }
  return { ...common, regions: def.regions, steps: def.steps };
}
