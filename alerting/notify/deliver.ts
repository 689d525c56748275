/**
 * Sends one HTTP notification with bounded retries and exponential backoff with jitter:
 * network errors, 429 and 5xx are retried (a 429's Retry-After is honoured, capped); other
 * 4xx are the receiver refusing the payload and are not. Every attempt is reported so the
 * history shows sent / retrying / failed. Clock and fetch are injected.
 */
export interface HttpNotification {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
}

export interface Attempt {
  attempt: number;
  outcome: "sent" | "retrying" | "failed";
  status: number | null;
  error: string | null;
  /** Delay before the next attempt (retrying only). */
  delayMs?: number;
}

export interface DeliverOptions {
  fetch: typeof fetch;
  sleep: (ms: number) => Promise<void>;
  random?: () => number;
  maxAttempts?: number;
  baseDelayMs?: number;
  maxDelayMs?: number;
  timeoutMs?: number;
  onAttempt?: (a: Attempt) => void | Promise<void>;
}

export const DEFAULT_MAX_ATTEMPTS = 4;

/** Full-jitter exponential backoff: attempt 1 waits up to base, then 2×, 4× … capped. */
export function backoffMs(attempt: number, baseMs: number, maxMs: number, random: () => number): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** (attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

export async function deliver(n: HttpNotification, o: DeliverOptions): Promise<Attempt> {
  const max = o.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const base = o.baseDelayMs ?? 1000;
  const cap = o.maxDelayMs ?? 15_000;
  let last: Attempt = { attempt: 0, outcome: "failed", status: null, error: "not sent" };
  for (let attempt = 1; attempt <= max; attempt++) {
    let status: number | null = null;
    let error: string | null = null;
    let retryAfterMs: number | null = null;
    try {
      const res = await o.fetch(n.url, {
        method: "POST",
        headers: { "content-type": "application/json", "user-agent": "MonoscopeEdge-Alerting/1", ...n.headers },
        body: JSON.stringify(n.body),
        signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
      });
      status = res.status;
      const text = await res.text().catch(() => "");
      if (res.ok) {
        last = { attempt, outcome: "sent", status, error: null };
        await o.onAttempt?.(last);
        return last;
      }
      error = `HTTP ${res.status}${text ? `: ${text.slice(0, 200)}` : ""}`;
      const ra = Number(res.headers.get("retry-after"));
      if (res.status === 429 && Number.isFinite(ra) && ra > 0) retryAfterMs = ra * 1000;
    } catch (err) {
      error = (err as Error).message || String(err);
    }
    const retryable = status === null || status === 429 || status >= 500;
    if (!retryable || attempt === max) {
      last = { attempt, outcome: "failed", status, error };
      await o.onAttempt?.(last);
      return last;
    }
    const delayMs = Math.min(cap, retryAfterMs ?? backoffMs(attempt, base, cap, o.random ?? Math.random));
    last = { attempt, outcome: "retrying", status, error, delayMs };
    await o.onAttempt?.(last);
    await o.sleep(delayMs);
  }
  return last;
}
