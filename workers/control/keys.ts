/**
 * API keys: `mse_` + 40 random base62 characters (~238 bits). Only a SHA-256 hash is
 * stored. A fast hash is right here (GitHub and Stripe do the same): keys are
 * high-entropy random strings, so there is nothing to brute-force, and ingest checks
 * a key on every request.
 */
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
export const KEY_PREFIX = "mse_";

export function generateApiKey(random: (bytes: Uint8Array) => Uint8Array = (b) => crypto.getRandomValues(b)): string {
  let out = KEY_PREFIX;
  while (out.length < KEY_PREFIX.length + 40) {
    // Rejection sampling: bytes >= 248 (= 62 * 4) are dropped so every character is equally likely.
    for (const b of random(new Uint8Array(48))) {
      if (b < 248 && out.length < KEY_PREFIX.length + 40) out += ALPHABET[b % 62];
    }
  }
  return out;
}

export async function hashApiKey(key: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key));
  return toHex(new Uint8Array(digest));
}

export function toHex(bytes: Uint8Array): string {
  let s = "";
  for (const b of bytes) s += b.toString(16).padStart(2, "0");
  return s;
}

export function keyPrefix(key: string): string {
  return key.slice(0, KEY_PREFIX.length + 6);
}

/** Reads a key from `Authorization: Bearer …` or `x-api-key`. */
export function apiKeyFromHeaders(headers: Headers): string | null {
  const auth = headers.get("authorization");
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const header = headers.get("x-api-key");
  return header ? header.trim() || null : null;
}
