/**
 * Packs serialised events into bodies no larger than `maxBytes`: browsers refuse a
 * `sendBeacon` / `keepalive` body over 64 KB (and count all in-flight keepalive bytes
 * against it). An event that is too large even alone is dropped and counted.
 */
const utf8 = new TextEncoder();

export function byteLength(s: string): number {
  return utf8.encode(s).length;
}

/** Bodies are `${head}${events joined by ","}]}`; head ends with `"events":[`. */
export function splitBodies(head: string, events: readonly string[], maxBytes: number): { bodies: string[]; dropped: number } {
  const bodies: string[] = [];
  const tail = "]}";
  const fixed = byteLength(head) + tail.length;
  let dropped = 0;
  let cur: string[] = [];
  let size = fixed;
  for (const e of events) {
    const n = byteLength(e) + 1; // + comma
    if (fixed + n > maxBytes) {
      dropped++;
      continue;
    }
    if (size + n > maxBytes && cur.length) {
      bodies.push(head + cur.join(",") + tail);
      cur = [];
      size = fixed;
    }
    cur.push(e);
    size += n;
  }
  if (cur.length) bodies.push(head + cur.join(",") + tail);
  return { bodies, dropped };
}
