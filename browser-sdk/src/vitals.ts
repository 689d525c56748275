/**
 * Core Web Vitals through the `web-vitals` library. We take its standard build and
 * name the attribution target ourselves from the metric's entries (LCP element, INP
 * event target, largest layout shift source): the attribution build costs ~2.4 KB
 * min+gzip more, and the target is the part of it people use (see docs/decisions.md).
 */
import { onCLS, onFCP, onINP, onLCP, onTTFB, type Metric } from "web-vitals";
import { targetName } from "./lib/target";
import type { Emit } from "./types";
import type { View } from "./views";

type WithNodes = PerformanceEntry & { element?: Element | null; target?: Node | null; sources?: { node?: Node | null }[]; value?: number };

function attributionTarget(m: Metric): string {
  const entries = m.entries as WithNodes[];
  if (m.name === "CLS") {
    let largest: WithNodes | undefined;
    for (const e of entries) if (!largest || (e.value ?? 0) > (largest.value ?? 0)) largest = e;
    const node = largest?.sources?.find((s) => s.node)?.node;
    return node ? targetName(node) : "";
  }
  const last = entries[entries.length - 1];
  const node = last?.element ?? last?.target;
  return node ? targetName(node) : "";
}

/**
 * web-vitals measures the page load (a hard navigation), so every vital belongs to the
 * load's view, even when it is reported after an SPA route change (LCP, CLS and INP are
 * final only when the page is hidden).
 */
export function collectVitals(emit: Emit, load: View): void {
  const report = (m: Metric) =>
    emit({
      type: "vital", name: m.name, value: m.value, rating: m.rating, target: attributionTarget(m), attrs: { navigation_type: m.navigationType },
      view: load.id, page: load.page, url: load.url,
    });
  onLCP(report);
  onINP(report);
  onCLS(report);
  onFCP(report);
  onTTFB(report);
}
