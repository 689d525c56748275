/**
 * The SDK's core: configuration, session and view state, the transport, and the
 * public API. Every collector reports through `emit`, which stamps the event with the
 * current view and hands it to the transport. Nothing here may throw into the page:
 * each entry point is wrapped.
 */
import { collectClicks } from "./actions";
import { collectErrors, errorEvent } from "./errors";
import { hexId } from "./lib/ids";
import { decodeSession, encodeSession, sessionInSample, touchSession, type SessionState } from "./lib/session";
import { byteLength } from "./lib/split";
import { createTransport, type SendResult, type Transport } from "./lib/transport";
import { collectNetwork } from "./network";
import { collectLongTasks, resourceSummary } from "./performance";
import type { Emit, InitOptions, ReplayOptions, RumEvent } from "./types";
import { currentView, watchRoutes, type View } from "./views";
import { collectVitals } from "./vitals";

export interface ReplayModule {
  startRecording(o: { url: string; session: string; maskAllText: boolean }): void;
}

const COOKIE = "mse_session";

interface State {
  o: InitOptions;
  url: string;
  session: SessionState;
  view: View;
  user: Record<string, string>;
  context: Record<string, string>;
  transport: Transport;
  replay: boolean;
}

let state: State | null = null;

function readSession(): SessionState | null {
  const m = /(?:^|; )mse_session=([^;]+)/.exec(document.cookie);
  return decodeSession(m ? m[1] : sessionStorage.getItem(COOKIE));
}

function writeSession(s: SessionState): void {
  const v = encodeSession(s);
  // A first-party cookie so tabs of one visit share the session; sessionStorage when
  // cookies are blocked.
  document.cookie = `${COOKIE}=${v}; path=/; max-age=14400; SameSite=Lax`;
  try {
    sessionStorage.setItem(COOKIE, v);
  } catch {
    // storage disabled
  }
}

/** Extends the session on activity; a new session (after the first) starts a new view. */
function touch(st: State, initial = false): void {
  const { state: s, renewed } = touchSession(readSession() ?? st.session, {
    now: Date.now(),
    sampleRate: st.o.sampleRate ?? 1,
    random: Math.random,
    newId: () => hexId(16),
  });
  st.session = s;
  writeSession(s);
  if (renewed && !initial) newView(st, "session");
}

function newView(st: State, how: string): void {
  resourceSummary(emitTo(st), performance.now() - (Date.now() - st.view.start));
  st.view = currentView();
  emitTo(st)({ type: "view", name: how, value: 0 });
}

function emitTo(st: State): Emit {
  return (e) => {
    try {
      if (!st.session.sampled) return;
      const ev: RumEvent = { t: Date.now(), view: st.view.id, page: st.view.page, url: st.view.url, ...e };
      if (st.replay && e.type === "error") ev.attrs = { ...ev.attrs, replay: "1" };
      st.transport.push(ev);
    } catch {
      // never into the host page
    }
  };
}

/**
 * Browsers cap the bytes of all in-flight keepalive requests and beacons at 64 KB. Past
 * that, Chromium's sendBeacon returns false, yet we measured it still delivering such a
 * beacon (test/rum.system.test.ts), so a fetch fallback would send the body twice. So we
 * stay under the cap ourselves: beacons and keepalive fetches within the budget, plain
 * fetches beyond it (the page is still alive when hidden, the usual final flush). Beacon
 * completion is invisible to us; a beacon counts against the budget for a second.
 */
const KEEPALIVE_BUDGET = 60 * 1024;
const BEACON_HOLD_MS = 1000;

function sendWith(url: string, fetchFn: typeof fetch) {
  let inflight = 0;
  return (body: string, final: boolean): Promise<SendResult> => {
    const size = byteLength(body);
    const fits = inflight + size <= KEEPALIVE_BUDGET;
    if (final && fits && navigator.sendBeacon) {
      try {
        if (navigator.sendBeacon(url, new Blob([body], { type: "text/plain" }))) {
          inflight += size;
          setTimeout(() => (inflight -= size), BEACON_HOLD_MS);
          return Promise.resolve({ status: 202 });
        }
      } catch {
        // fall back to fetch
      }
    }
    const keepalive = fits;
    if (keepalive) inflight += size;
    const done = () => {
      if (keepalive) inflight -= size;
    };
    return fetchFn(url, { method: "POST", body, keepalive, credentials: "omit", headers: { "content-type": "text/plain" } }).then(
      (r) => {
        done();
        const ra = Number(r.headers.get("retry-after"));
        return { status: r.status, retryAfterMs: ra > 0 ? ra * 1000 : undefined };
      },
      () => (done(), { status: 0 }),
    );
  };
}

export function start(o: InitOptions, loadReplay?: (url?: string) => Promise<ReplayModule>): void {
  try {
    if (state || !o || !o.key) return;
    const base = (o.endpoint ?? location.origin).replace(/\/+$/, "");
    const url = `${base}/rum?key=${encodeURIComponent(o.key)}`;
    // Captured before collectNetwork wraps fetch: our own beacons are not page requests.
    const fetchFn = window.fetch.bind(window);
    const st: State = {
      o,
      url,
      session: { id: "", start: 0, last: 0, sampled: false },
      view: currentView(),
      user: {},
      context: {},
      replay: false,
      transport: null as unknown as Transport,
    };
    st.transport = createTransport({
      head: () =>
        JSON.stringify({ v: 1, sent: Date.now(), service: o.service, version: o.version, env: o.env, session: st.session.id, user: st.user, context: st.context }).slice(0, -1) +
        ',"events":[',
      send: sendWith(url, fetchFn),
      now: Date.now,
      schedule: (fn, ms) => setTimeout(fn, ms),
    });
    state = st;
    touch(st, true);
    if (!st.session.sampled) return;
    const emit = emitTo(st);
    emit({ type: "view", name: "load", value: 0 });
    collectVitals(emit, st.view);
    collectErrors(emit, !!o.captureConsoleErrors);
    collectNetwork(emit, o.tracePropagationTargets ?? [], (u) => u.startsWith(base + "/rum"));
    collectLongTasks(emit);
    collectClicks(emit);
    watchRoutes((how) => newView(st, how));
    for (const ev of ["click", "keydown", "scroll"]) addEventListener(ev, () => touch(st), { capture: true, passive: true });
    const hide = () => {
      resourceSummary(emit, performance.now() - (Date.now() - st.view.start));
      st.view.start = Date.now(); // the summary covers resources up to now
      st.transport.flush(true);
    };
    addEventListener("visibilitychange", () => document.visibilityState === "hidden" && hide());
    addEventListener("pagehide", hide);
    const r = o.replay;
    if (r && loadReplay) {
      const ro: ReplayOptions = r === true ? {} : r;
      // Per session, not per page: a sampled session is recorded on every page it visits.
      if (sessionInSample(st.session.id, ro.sampleRate ?? 1)) {
        st.replay = true;
        loadReplay(o.replayUrl).then(
          (m) => m.startRecording({ url: `${base}/rum/replay?key=${encodeURIComponent(o.key)}`, session: st.session.id, maskAllText: ro.maskAllText ?? true }),
          () => (st.replay = false),
        );
      }
    }
  } catch {
    // never into the host page
  }
}

const guard =
  <A extends unknown[]>(fn: (st: State, ...a: A) => void) =>
  (...a: A): void => {
    try {
      if (state) fn(state, ...a);
    } catch {
      // never into the host page
    }
  };

const strings = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o ?? {}).map(([k, v]) => [k, String(v)]));

export const setUser = guard((st, user: { id?: string; [k: string]: unknown } | null) => (st.user = user ? strings(user) : {}));
export const setContext = guard((st, key: string, value: unknown) => (value === undefined ? delete st.context[key] : (st.context[key] = String(value))));
export const addAction = guard((st, name: string, attrs?: Record<string, unknown>) =>
  emitTo(st)({ type: "action", name: "custom", target: String(name), attrs: attrs && strings(attrs) }),
);
export const addError = guard((st, error: unknown, attrs?: Record<string, unknown>) => {
  const e = errorEvent(error, "manual");
  emitTo(st)({ ...e, attrs: attrs && strings(attrs) });
});
/** Sends what is queued now (tests, and before a hard navigation the SDK cannot see). */
export const flush = guard((st) => st.transport.flush(true));
