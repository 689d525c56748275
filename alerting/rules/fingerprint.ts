/**
 * An alert's identity: FNV-1a (64-bit) over its sorted labels, as Prometheus fingerprints
 * label sets, printed as 16 hex digits. Same labels → same fingerprint, in any order.
 */
const OFFSET = 0xcbf29ce484222325n;
const PRIME = 0x100000001b3n;
const MASK = 0xffffffffffffffffn;

export function fingerprint(labels: Record<string, string>): string {
  let h = OFFSET;
  const bytes = new TextEncoder().encode(
    Object.keys(labels)
      .sort()
      .map((k) => `${k}\xff${labels[k]}\xff`)
      .join(""),
  );
  for (const b of bytes) h = ((h ^ BigInt(b)) * PRIME) & MASK;
  return h.toString(16).padStart(16, "0");
}
