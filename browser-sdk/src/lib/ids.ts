/** Random lowercase hex ids (W3C trace context sizes: 16 bytes trace, 8 bytes span). */
export function hexId(bytes: number): string {
  const b = new Uint8Array(bytes);
  crypto.getRandomValues(b);
  let s = "";
  for (let i = 0; i < bytes; i++) s += (b[i] + 256).toString(16).slice(1);
  // An all-zero id is invalid in trace context; astronomically unlikely, but cheap to avoid.
  return /^0+$/.test(s) ? hexId(bytes) : s;
}
