/**
 * Runs one check once: each step's request (templated with earlier extractions and
 * project secrets), redirects followed by hand so loops and limits are reported, a
 * timeout per step, the body read up to a cap, assertions, extractions. I/O and the
 * clock are injected (`fetch`, `now`), so the same code runs in a region runner and
 * in tests against local servers.
 */
import type { CheckDefinition, Extraction, Step } from "./definition";
import { evaluateAssertions, type AssertionOutcome } from "./assertions";
import { evaluateJsonPath } from "./json-path";
import { redactor, render, TemplateError, type Redactor } from "./template";

export interface RunDeps {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  /** Milliseconds; only differences are used. */
  now: () => number;
  secrets: Record<string, string>;
}

export interface StepOutcome {
  name: string;
  method: string;
  url: string;
  status: number | null;
  duration_ms: number;
  ttfb_ms: number | null;
  redirects: number;
  error: string | null;
  response_excerpt: string | null;
}

export interface RunOutcome {
  ok: boolean;
  status: "ok" | "failed" | "error";
  error: string | null;
  durationMs: number;
  steps: StepOutcome[];
  assertions: AssertionOutcome[];
}

/** Body bytes read for assertions; a larger body is cut (assertions see the start). */
export const BODY_READ_BYTES = 1024 * 1024;
/** Body characters kept in a result. */
export const EXCERPT_CHARS = 1024;

class StepError extends Error {}

async function readCapped(res: Response, cap: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  while (total < cap) {
    const { value, done } = await reader.read();
    if (done) break;
    chunks.push(value);
    total += value.byteLength;
  }
  if (total >= cap) await reader.cancel().catch(() => {});
  const all = new Uint8Array(Math.min(total, cap));
  let off = 0;
  for (const c of chunks) {
    const part = c.subarray(0, all.length - off);
    all.set(part, off);
    off += part.length;
    if (off >= all.length) break;
  }
  return new TextDecoder().decode(all);
}

function describeFetchError(err: unknown, timedOut: boolean, timeoutMs: number, url: string): string {
  if (timedOut) return `timed out after ${timeoutMs} ms`;
  const e = err as Error;
  // workerd hides TLS failures (untrusted or invalid certificate) behind an opaque
  // "internal error; reference = …" and logs the real cause on its side.
  if (/^internal error/.test(e.message) && url.startsWith("https:")) return `request failed: TLS handshake failed (certificate not trusted or invalid?) [${e.message}]`;
  const cause = (e as { cause?: { code?: string; message?: string } }).cause;
  return `request failed: ${e.message}${cause?.code ? ` (${cause.code})` : cause?.message ? ` (${cause.message})` : ""}`;
}

function extract(x: Extraction, res: { headers: Headers; body: string }): string {
  if (x.from === "header") {
    const v = res.headers.get(x.path);
    if (v === null) throw new StepError(`extract ${x.name}: header '${x.path}' is missing`);
    return v;
  }
  if (x.from === "regex") {
    const m = new RegExp(x.path).exec(res.body);
    if (!m) throw new StepError(`extract ${x.name}: /${x.path}/ does not match the body`);
    return m[1] ?? m[0];
  }
  let root: unknown;
  try {
    root = JSON.parse(res.body);
  } catch {
    throw new StepError(`extract ${x.name}: response body is not JSON`);
  }
  const v = evaluateJsonPath(root, x.path);
  if (v === undefined || v === null) throw new StepError(`extract ${x.name}: ${x.path} not found in the response`);
  return typeof v === "string" ? v : JSON.stringify(v);
}

async function runStep(step: Step, deps: RunDeps, vars: Record<string, string>, sensitive: Record<string, string>, redact: () => Redactor): Promise<{ outcome: StepOutcome; assertions: AssertionOutcome[]; hardError: boolean }> {
  const start = deps.now();
  const req = step.request;
  const outcome: StepOutcome = { name: step.name, method: req.method, url: "", status: null, duration_ms: 0, ttfb_ms: null, redirects: 0, error: null, response_excerpt: null };
  const finish = (hardError: boolean, assertions: AssertionOutcome[] = []) => {
    outcome.duration_ms = deps.now() - start;
    outcome.url = redact()(outcome.url);
    if (outcome.error) outcome.error = redact()(outcome.error);
    return { outcome, assertions, hardError };
  };
  let url: string;
  let headers: Record<string, string>;
  let body: string | null;
  try {
    const scope = { vars, secrets: deps.secrets };
    url = render(req.url, scope);
    headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, render(v, scope)]));
    body = req.body === null ? null : render(req.body, scope);
    const protocol = URL.canParse(url) ? new URL(url).protocol : null;
    if (protocol !== "http:" && protocol !== "https:") throw new TemplateError(`not an http(s) URL after substitution: ${url}`);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    outcome.url = req.url;
    outcome.error = e.message;
    return finish(true);
  }
  outcome.url = url;

  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, req.timeoutMs);
  try {
    let method: string = req.method;
    const visited = [url];
    let res: Response;
    for (;;) {
      try {
        res = await deps.fetch(url, { method, headers, body: method === "GET" || method === "HEAD" ? undefined : body, redirect: "manual", signal: controller.signal });
      } catch (e) {
        outcome.error = describeFetchError(e, timedOut, req.timeoutMs, url);
        return finish(true);
      }
      const location = res.headers.get("location");
      if (!req.followRedirects || res.status < 300 || res.status > 399 || res.status === 304 || !location) break;
      await res.body?.cancel().catch(() => {});
      const next = new URL(location, url).toString();
      if (visited.includes(next)) {
        outcome.error = `redirect loop: ${[...visited.slice(visited.indexOf(next)), next].join(" → ")}`;
        return finish(true);
      }
      if (outcome.redirects >= req.maxRedirects) {
        outcome.error = `more than ${req.maxRedirects} redirects (last to ${next})`;
        return finish(true);
      }
      outcome.redirects++;
      visited.push(next);
      // 303, and 301/302 after a POST, continue as GET without a body (what browsers do).
      if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) method = "GET";
      url = next;
      outcome.url = url;
    }
    outcome.ttfb_ms = deps.now() - start;
    outcome.status = res.status;
    let text: string;
    try {
      text = await readCapped(res, BODY_READ_BYTES);
    } catch (e) {
      outcome.error = timedOut ? `timed out after ${req.timeoutMs} ms while reading the body` : `reading the body failed: ${(e as Error).message}`;
      return finish(true);
    }
    const durationMs = deps.now() - start;
    const assertions = evaluateAssertions(step.name, { status: res.status, headers: res.headers, body: text, durationMs }, step.expectedStatus, step.assertions);
    const failed = assertions.filter((a) => !a.pass);
    // A failed step's values are not trusted for extraction: the run stops at this step as failed.
    for (const x of failed.length ? [] : step.extract) {
      try {
        const value = extract(x, { headers: res.headers, body: text });
        vars[x.name] = value;
        if (x.secret) sensitive[x.name] = value;
      } catch (e) {
        if (!(e instanceof StepError)) throw e;
        outcome.error = e.message;
        outcome.response_excerpt = redact()(text.slice(0, EXCERPT_CHARS));
        return finish(true, assertions);
      }
    }
    outcome.response_excerpt = redact()(text.slice(0, EXCERPT_CHARS));
    if (failed.length) outcome.error = `${failed.length} assertion${failed.length > 1 ? "s" : ""} failed`;
    return finish(false, assertions);
  } finally {
    clearTimeout(timer);
  }
}

export async function runCheck(def: Pick<CheckDefinition, "steps">, deps: RunDeps): Promise<RunOutcome> {
  const start = deps.now();
  const vars: Record<string, string> = {};
  const runSensitive: Record<string, string> = {};
  const steps: StepOutcome[] = [];
  const assertions: AssertionOutcome[] = [];
  let status: RunOutcome["status"] = "ok";
  let error: string | null = null;
  const redact = () => redactor({ ...deps.secrets, ...runSensitive });
  for (const step of def.steps) {
    const r = await runStep(step, deps, vars, runSensitive, redact);
    steps.push(r.outcome);
    assertions.push(...r.assertions.map((a) => ({ ...a, actual: typeof a.actual === "string" ? redact()(a.actual) : a.actual })));
    if (r.hardError) {
      status = "error";
      error = `${def.steps.length > 1 ? `step '${step.name}': ` : ""}${r.outcome.error}`;
      break;
    }
    if (r.assertions.some((a) => !a.pass)) {
      status = "failed";
      const first = r.assertions.find((a) => !a.pass)!;
      error = `${def.steps.length > 1 ? `step '${step.name}': ` : ""}${describeFailure(first)}`;
      // A later step depends on this one having worked: stop here.
      break;
    }
  }
  return { ok: status === "ok", status, error: error && redact()(error), durationMs: deps.now() - start, steps, assertions };
}

export function describeFailure(a: AssertionOutcome): string {
  const what = a.target ? `${a.type} ${a.target}` : a.type;
  if (a.error) return `${what}: ${a.error}`;
  return `${what} ${a.operator} ${JSON.stringify(a.expected)} failed (actual ${JSON.stringify(a.actual)})`;
}
