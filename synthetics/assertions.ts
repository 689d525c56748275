/**
 * Assertions on one response: status (against the expected set and explicit
 * assertions), headers, body text or regex, JSON path values and response time. Each
 * yields an outcome with the actual value, so a failed run says exactly what differed.
 */
import type { Assertion, Operator } from "./definition";
import { evaluateJsonPath, JsonPathError } from "./json-path";

export interface ObservedResponse {
  status: number;
  headers: Headers;
  /** The body read for assertions (capped; see runner). */
  body: string;
  durationMs: number;
}

export interface AssertionOutcome {
  step: string;
  type: string;
  target?: string;
  operator: string;
  expected?: unknown;
  actual: unknown;
  pass: boolean;
  /** Why it could not be evaluated (invalid JSON, bad path). */
  error?: string;
  /** A warning (certificate expiry): reported and alerted on, but does not fail the run. */
  warning?: boolean;
}

/** Longest `actual` text kept in an outcome. */
const ACTUAL_CHARS = 200;

function clip(v: unknown): unknown {
  return typeof v === "string" && v.length > ACTUAL_CHARS ? `${v.slice(0, ACTUAL_CHARS)}…` : v;
}

export function statusMatches(status: number, expected: readonly string[]): boolean {
  const text = String(status);
  return expected.some((e) => (e.endsWith("xx") ? text[0] === e[0] && text.length === 3 : Number(e) === status));
}

function looseEqual(actual: unknown, expected: unknown): boolean {
  if (actual === expected) return true;
  if (actual === null || actual === undefined) return false;
  // JSON and header values compare with what a YAML/JSON file naturally writes: 200 == "200".
  if (typeof actual === "object") return JSON.stringify(actual) === JSON.stringify(expected);
  return String(actual) === String(expected);
}

export function compare(op: Operator, actual: unknown, expected: unknown): boolean {
  switch (op) {
    case "exists":
      return actual !== undefined && actual !== null;
    case "not_exists":
      return actual === undefined || actual === null;
    case "eq":
      return looseEqual(actual, expected);
    case "neq":
      return !looseEqual(actual, expected);
    case "lt":
    case "lte":
    case "gt":
    case "gte": {
      const a = typeof actual === "number" ? actual : Number(actual);
      const b = Number(expected);
      if (actual === undefined || actual === null || Number.isNaN(a) || Number.isNaN(b)) return false;
      return op === "lt" ? a < b : op === "lte" ? a <= b : op === "gt" ? a > b : a >= b;
    }
    case "contains":
      return actual !== undefined && actual !== null && (typeof actual === "string" ? actual : JSON.stringify(actual)).includes(String(expected));
    case "not_contains":
      return actual === undefined || actual === null || !(typeof actual === "string" ? actual : JSON.stringify(actual)).includes(String(expected));
    case "matches":
      return actual !== undefined && actual !== null && new RegExp(String(expected)).test(typeof actual === "string" ? actual : JSON.stringify(actual));
    case "in":
      return Array.isArray(expected) && expected.some((e) => looseEqual(actual, e));
  }
}

/** Parses the body once for all json assertions of a response. */
function jsonOf(body: string): { value?: unknown; error?: string } {
  try {
    return { value: JSON.parse(body) };
  } catch (e) {
    return { error: `response body is not JSON: ${(e as Error).message}` };
  }
}

export function evaluateAssertions(step: string, res: ObservedResponse, expectedStatus: readonly string[], assertions: readonly Assertion[]): AssertionOutcome[] {
  const out: AssertionOutcome[] = [
    { step, type: "status", operator: "in", expected: expectedStatus, actual: res.status, pass: statusMatches(res.status, expectedStatus) },
  ];
  let json: { value?: unknown; error?: string } | null = null;
  for (const a of assertions) {
    const base = { step, type: a.type, target: a.target, operator: a.operator, expected: a.value };
    let actual: unknown;
    switch (a.type) {
      case "status":
        actual = res.status;
        break;
      case "header":
        actual = res.headers.get(a.target ?? "") ?? undefined;
        break;
      case "body":
        actual = res.body;
        break;
      case "response_time":
        actual = Math.round(res.durationMs);
        break;
      case "json": {
        json ??= jsonOf(res.body);
        if (json.error) {
          out.push({ ...base, actual: undefined, pass: false, error: json.error });
          continue;
        }
        try {
          actual = evaluateJsonPath(json.value, a.target ?? "$");
        } catch (e) {
          if (!(e instanceof JsonPathError)) throw e;
          out.push({ ...base, actual: undefined, pass: false, error: e.message });
          continue;
        }
        break;
      }
    }
    out.push({ ...base, actual: clip(actual), pass: compare(a.operator, actual, a.value) });
  }
  return out;
}
