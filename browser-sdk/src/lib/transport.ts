/**
 * Batching transport. Events are queued as JSON text and sent when `maxEvents` are
 * waiting or `flushMs` after the first one; `flush(true)` (page hidden / unloading)
 * sends everything with `sendBeacon`. Each body stays under `maxBytes` (64 KB, the
 * beacon/keepalive limit). A 429 pauses sending for its Retry-After (doubling when none
 * is given); a body that fails (429, 5xx, network) is sent once more, then dropped: a
 * telemetry SDK must never pile up memory or retry forever in someone else's page.
 *
 * All I/O is injected (`send`, `now`, `schedule`) so the rules are tested exactly.
 */
import { splitBodies } from "./split";

export interface SendResult {
  /** HTTP status; 0 when the request failed (network, CORS). */
  status: number;
  retryAfterMs?: number;
}

export interface TransportDeps {
  /** The body prefix, ending with `"events":[` (built at send time: user and context may change). */
  head: () => string;
  send: (body: string, final: boolean) => Promise<SendResult>;
  now: () => number;
  schedule: (fn: () => void, ms: number) => void;
  maxEvents?: number;
  flushMs?: number;
  maxBytes?: number;
  /** Events kept while sending is paused; the oldest are dropped past this. */
  maxQueue?: number;
}

export interface Transport {
  push(event: object): void;
  flush(final?: boolean): void;
  /** Counters, for tests and the `debug` API. */
  stats: { sent: number; dropped: number; retried: number; backoffs: number };
}

const RETRY_MS = 3_000;
const DEFAULT_BACKOFF_MS = 30_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export function createTransport(d: TransportDeps): Transport {
  const maxEvents = d.maxEvents ?? 30;
  const flushMs = d.flushMs ?? 5_000;
  const maxBytes = d.maxBytes ?? 64 * 1024 - 512; // headroom for the URL and request line
  const maxQueue = d.maxQueue ?? 1_000;
  let queue: string[] = [];
  /** Bodies waiting for their one retry. */
  let retries: string[] = [];
  let timer = false;
  let pausedUntil = 0;
  let backoff = DEFAULT_BACKOFF_MS;
  const stats = { sent: 0, dropped: 0, retried: 0, backoffs: 0 };

  const arm = (ms: number) => {
    if (timer) return;
    timer = true;
    d.schedule(() => {
      timer = false;
      flush(false);
    }, ms);
  };

  const onResult = (body: string, isRetry: boolean, r: SendResult) => {
    if (r.status >= 200 && r.status < 300) {
      stats.sent++;
      backoff = DEFAULT_BACKOFF_MS;
      return;
    }
    const retryable = r.status === 0 || r.status === 429 || r.status >= 500;
    if (r.status === 429) {
      stats.backoffs++;
      const wait = r.retryAfterMs ?? backoff;
      backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      pausedUntil = Math.max(pausedUntil, d.now() + wait);
    }
    if (!retryable || isRetry) {
      stats.dropped++;
      return;
    }
    stats.retried++;
    retries.push(body);
    arm(Math.max(RETRY_MS, pausedUntil - d.now()));
  };

  const deliver = (body: string, isRetry: boolean, final: boolean) => {
    try {
      d.send(body, final).then(
        (r) => onResult(body, isRetry, r),
        () => onResult(body, isRetry, { status: 0 }),
      );
    } catch {
      onResult(body, isRetry, { status: 0 });
    }
  };

  function flush(final = false): void {
    try {
      const wait = pausedUntil - d.now();
      // While paused by a 429 only the page's last chance (final) is sent.
      if (wait > 0 && !final) {
        if (queue.length || retries.length) arm(wait);
        return;
      }
      const again = retries;
      retries = [];
      for (const body of again) deliver(body, true, final);
      if (!queue.length) return;
      const { bodies, dropped } = splitBodies(d.head(), queue, maxBytes);
      queue = [];
      stats.dropped += dropped;
      for (const body of bodies) deliver(body, false, final);
    } catch {
      // never into the host page
    }
  }

  return {
    stats,
    flush,
    push(event) {
      try {
        queue.push(JSON.stringify(event));
        if (queue.length > maxQueue) {
          queue.shift();
          stats.dropped++;
        }
        if (queue.length >= maxEvents && pausedUntil <= d.now()) flush(false);
        else arm(flushMs);
      } catch {
        // an unserialisable event (cycle) is dropped
      }
    },
  };
}
