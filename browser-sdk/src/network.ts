/**
 * fetch and XMLHttpRequest timings: method, URL (secrets scrubbed), status, duration;
 * to allowlisted origins a `traceparent` header, whose ids the event carries, so the
 * request links to the backend trace. Our own beacons are not recorded.
 */
import { hexId } from "./lib/ids";
import { shouldPropagate, traceparent } from "./lib/propagation";
import { scrubUrl } from "./lib/url";
import type { Emit } from "./types";

interface Started {
  method: string;
  url: string;
  start: number;
  trace_id?: string;
  span_id?: string;
}

export function collectNetwork(emit: Emit, targets: readonly (string | RegExp)[], ignore: (url: string) => boolean): void {
  const begin = (method: string, rawUrl: string, setHeader: (name: string, value: string) => void): Started | null => {
    const url = new URL(rawUrl, location.href).href;
    if (ignore(url)) return null;
    const s: Started = { method: method.toUpperCase(), url, start: performance.now() };
    if (shouldPropagate(url, targets)) {
      s.trace_id = hexId(16);
      s.span_id = hexId(8);
      setHeader("traceparent", traceparent(s.trace_id, s.span_id));
    }
    return s;
  };
  const end = (s: Started, status: number) =>
    emit({
      type: "request",
      name: s.method,
      method: s.method,
      status,
      request_url: scrubUrl(s.url),
      duration: performance.now() - s.start,
      trace_id: s.trace_id,
      span_id: s.span_id,
    });

  const originalFetch = window.fetch;
  if (originalFetch) {
    window.fetch = function (input: RequestInfo | URL, init?: RequestInit) {
      let s: Started | null = null;
      try {
        const req = input instanceof Request ? input : null;
        const headers = new Headers(init?.headers ?? req?.headers);
        s = begin(init?.method ?? req?.method ?? "GET", req ? req.url : String(input), (k, v) => headers.set(k, v));
        if (s?.trace_id) init = { ...init, headers };
      } catch {
        s = null;
      }
      const p = originalFetch.call(this, input, init);
      if (s) {
        const started = s;
        p.then(
          (r) => end(started, r.status),
          () => end(started, 0),
        );
      }
      return p;
    };
  }

  const proto = XMLHttpRequest.prototype;
  const open = proto.open;
  const send = proto.send;
  const meta = new WeakMap<XMLHttpRequest, { method: string; url: string }>();
  proto.open = function (this: XMLHttpRequest, method: string, url: string | URL, ...rest: unknown[]) {
    try {
      meta.set(this, { method, url: String(url) });
    } catch {
      // never into the host page
    }
    return (open as (...a: unknown[]) => void).call(this, method, url, ...rest);
  } as typeof proto.open;
  proto.send = function (this: XMLHttpRequest, body?: Document | XMLHttpRequestBodyInit | null) {
    try {
      const m = meta.get(this);
      const s = m && begin(m.method, m.url, (k, v) => this.setRequestHeader(k, v));
      if (s) this.addEventListener("loadend", () => end(s, this.status));
    } catch {
      // never into the host page
    }
    return send.call(this, body);
  };
}
