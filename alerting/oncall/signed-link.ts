/**
 * Acknowledge/resolve links in notifications: they must work without a session (from a
 * phone, in Slack), so the link carries its authority: a token naming project, alert
 * fingerprint, action and expiry, signed with HMAC-SHA256. A changed byte or a past expiry
 * is refused. Tokens are `<base64url claims>.<base64url signature>`.
 */
export type LinkAction = "ack" | "resolve";

export interface LinkClaims {
  /** project id */
  p: string;
  /** alert fingerprint */
  f: string;
  a: LinkAction;
  /** expiry, epoch seconds */
  e: number;
}

export const LINK_TTL_MS = 7 * 86_400_000;

const enc = new TextEncoder();

function b64url(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += String.fromCharCode(b);
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromB64url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(bin, (c) => c.charCodeAt(0));
  } catch {
    return null;
  }
}

async function key(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", enc.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

export async function signLink(secret: string, claims: LinkClaims): Promise<string> {
  const body = b64url(enc.encode(JSON.stringify(claims)));
  const sig = new Uint8Array(await crypto.subtle.sign("HMAC", await key(secret), enc.encode(body)));
  return `${body}.${b64url(sig)}`;
}

export type LinkCheck = { ok: true; claims: LinkClaims } | { ok: false; reason: "malformed" | "bad-signature" | "expired" };

export async function verifyLink(secret: string, token: string, nowMs: number): Promise<LinkCheck> {
  const [body, sigText, extra] = token.split(".");
  if (!body || !sigText || extra !== undefined || token.length > 2048) return { ok: false, reason: "malformed" };
  const sig = fromB64url(sigText);
  if (!sig) return { ok: false, reason: "malformed" };
  // crypto.subtle.verify compares in constant time.
  if (!(await crypto.subtle.verify("HMAC", await key(secret), sig, enc.encode(body)))) return { ok: false, reason: "bad-signature" };
  const raw = fromB64url(body);
  let claims: LinkClaims;
  try {
    claims = JSON.parse(new TextDecoder().decode(raw!)) as LinkClaims;
  } catch {
    return { ok: false, reason: "malformed" };
  }
  if (typeof claims.e !== "number" || claims.e * 1000 <= nowMs) return { ok: false, reason: "expired" };
  if (claims.a !== "ack" && claims.a !== "resolve") return { ok: false, reason: "malformed" };
  return { ok: true, claims };
}
