/**
 * When a buffer should flush: as soon as it holds `maxBytes` of payload, or when its
 * oldest batch reaches `maxAgeMs`. Pure, so the rule is tested without a runtime.
 */
export interface BufferState {
  /** Payload bytes held. */
  bytes: number;
  /** Receive time of the oldest batch held, or null when empty. */
  oldestMs: number | null;
}

export interface FlushPolicy {
  maxBytes: number;
  maxAgeMs: number;
}

/** The time the next flush is due, or null when there is nothing to flush. */
export function flushDueAt(state: BufferState, policy: FlushPolicy, now: number): number | null {
  if (state.oldestMs === null) return null;
  if (state.bytes >= policy.maxBytes) return now;
  return Math.max(now, state.oldestMs + policy.maxAgeMs);
}

/** Back-off after a failed flush: 1 s, 2 s, 4 s … capped at one minute. */
export function retryDelayMs(attempt: number): number {
  return Math.min(60_000, 1000 * 2 ** Math.max(0, Math.min(attempt - 1, 6)));
}
