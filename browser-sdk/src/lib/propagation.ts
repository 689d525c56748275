/**
 * Which requests get a W3C `traceparent` header. Sending it to third parties would leak
 * ids and, worse, trigger CORS preflights their servers refuse, so only allowlisted
 * origins get it: a string matches an exact origin or a URL prefix, a RegExp the URL.
 */
export function shouldPropagate(url: string, targets: readonly (string | RegExp)[]): boolean {
  for (const t of targets) {
    if (typeof t === "string") {
      if (url === t || url.startsWith(t.endsWith("/") ? t : t + "/")) return true;
    } else if (t.test(url)) return true;
  }
  return false;
}

/** `00-{trace}-{span}-01`: version 00, sampled. */
export function traceparent(traceId: string, spanId: string): string {
  return `00-${traceId}-${spanId}-01`;
}
