/**
 * URLs leave the page without secrets: values of query parameters whose names look
 * like credentials are replaced, and the fragment (where OAuth implicit flows put
 * tokens) is dropped. Paths are grouped into pages by replacing id-like segments.
 */
const SECRET = /token|key|secret|pass|auth|sig|session|code|credential|jwt/i;

export function scrubUrl(href: string, base?: string): string {
  let u: URL;
  try {
    u = new URL(href, base);
  } catch {
    return "";
  }
  u.hash = "";
  const names: string[] = [];
  u.searchParams.forEach((_, k) => names.push(k));
  for (const k of names) if (SECRET.test(k)) u.searchParams.set(k, "REDACTED");
  return u.href;
}

/** `/product/1234/reviews` → `/product/:id/reviews` (numbers, UUIDs, long hex ids). */
export function pageOf(pathname: string): string {
  return pathname
    .split("/")
    .map((s) => (/^\d+$|^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$|^[0-9a-f]{16,}$/i.test(s) ? ":id" : s))
    .join("/");
}
