/**
 * Long tasks (main-thread blocks over 50 ms) as events, and a per-view summary of
 * resource timing (count, transferred bytes and total time by initiator type): one
 * event per view instead of one per image keeps beacons small on heavy pages.
 */
import type { Emit } from "./types";

export function collectLongTasks(emit: Emit): void {
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        const a = (e as PerformanceEntry & { attribution?: { containerSrc?: string; name?: string }[] }).attribution?.[0];
        emit({ type: "long_task", name: e.name, value: e.duration, target: a?.containerSrc || a?.name || "", t: performance.timeOrigin + e.startTime });
      }
    }).observe({ type: "longtask", buffered: true });
  } catch {
    // longtask is Chromium-only
  }
}

/** Summarises resources loaded since `since` (a performance.now() time). */
export function resourceSummary(emit: Emit, since: number): void {
  try {
    const attrs: Record<string, string> = {};
    let count = 0;
    let bytes = 0;
    const byType: Record<string, [number, number, number]> = {};
    for (const e of performance.getEntriesByType("resource") as PerformanceResourceTiming[]) {
      if (e.startTime < since) continue;
      const k = (byType[e.initiatorType] ??= [0, 0, 0]);
      k[0]++;
      k[1] += e.transferSize || 0;
      k[2] += e.duration;
      count++;
      bytes += e.transferSize || 0;
    }
    if (!count) return;
    for (const [type, [n, b, ms]] of Object.entries(byType)) {
      attrs[`${type}.count`] = String(n);
      attrs[`${type}.bytes`] = String(b);
      attrs[`${type}.ms`] = String(Math.round(ms));
    }
    attrs.bytes = String(bytes);
    emit({ type: "resource", name: "summary", value: count, attrs });
  } catch {
    // Resource Timing unavailable
  }
}
