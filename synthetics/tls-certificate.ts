/**
 * Reads a server's certificate expiry on a runtime whose `fetch` does not expose it
 * (Workers). We open a plain TCP socket (cloudflare:sockets `connect()`, injected),
 * send a TLS 1.2 ClientHello, and read the server's Certificate message, which TLS 1.2
 * sends in clear (TLS 1.3 encrypts it; we do not offer 1.3, and practically every
 * HTTPS server still accepts 1.2). The handshake is then abandoned: nothing is
 * encrypted, no key exchange is done, the certificate is only read, not verified (the
 * HTTP request of the check itself goes through `fetch`, which verifies the chain).
 *
 * A TLS-1.3-only server answers with a protocol_version alert: reported as unknown
 * expiry with that reason, never as a wrong number.
 */

export interface TlsSocket {
  readable: ReadableStream<Uint8Array>;
  writable: WritableStream<Uint8Array>;
  close(): Promise<void> | void;
}

export type OpenSocket = (hostname: string, port: number) => TlsSocket;

export interface CertificateInfo {
  notBefore: number;
  notAfter: number;
  subject: string | null;
  issuer: string | null;
}

export class TlsProbeError extends Error {}

// ECDHE/RSA suites with AES-GCM, ChaCha20 and CBC: whatever a TLS 1.2 server has, it finds one.
const CIPHER_SUITES = [0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc009, 0xc013, 0xc00a, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];
const GROUPS = [0x001d, 0x0017, 0x0018];
const SIGNATURE_ALGORITHMS = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601, 0x0201];
const MAX_HANDSHAKE_BYTES = 256 * 1024;

const u16 = (n: number) => [(n >> 8) & 0xff, n & 0xff];
const u24 = (n: number) => [(n >> 16) & 0xff, (n >> 8) & 0xff, n & 0xff];
const withLen16 = (bytes: number[]) => [...u16(bytes.length), ...bytes];

function extension(type: number, data: number[]): number[] {
  return [...u16(type), ...withLen16(data)];
}

const isIpLiteral = (host: string) => /^[\d.]+$/.test(host) || host.includes(":");

export function clientHello(hostname: string, random: Uint8Array): Uint8Array {
  const exts: number[] = [];
  if (!isIpLiteral(hostname)) {
    // SNI: a server with several certificates must pick the one for this name.
    const name = [...new TextEncoder().encode(hostname)];
    exts.push(...extension(0x0000, withLen16([0x00, ...withLen16(name)])));
  }
  exts.push(...extension(0x000a, withLen16(GROUPS.flatMap(u16))));
  exts.push(...extension(0x000b, [0x01, 0x00]));
  exts.push(...extension(0x000d, withLen16(SIGNATURE_ALGORITHMS.flatMap(u16))));
  exts.push(...extension(0x0017, []));
  exts.push(...extension(0xff01, [0x00]));
  const body = [0x03, 0x03, ...random, 0x00, ...withLen16(CIPHER_SUITES.flatMap(u16)), 0x01, 0x00, ...withLen16(exts)];
  const handshake = [0x01, ...u24(body.length), ...body];
  return Uint8Array.from([0x16, 0x03, 0x01, ...withLen16(handshake)]);
}

const ALERTS: Record<number, string> = { 40: "handshake_failure", 70: "protocol_version", 112: "unrecognized_name", 80: "internal_error" };

/**
 * Consumes TLS records until the Certificate handshake message is complete; returns the
 * leaf certificate's DER. `push` returns null while more bytes are needed.
 */
export class CertificateReader {
  #records: Uint8Array = new Uint8Array(0);
  #handshake: Uint8Array = new Uint8Array(0);

  push(chunk: Uint8Array): Uint8Array | null {
    this.#records = concat(this.#records, chunk);
    while (this.#records.length >= 5) {
      const type = this.#records[0];
      const len = (this.#records[3] << 8) | this.#records[4];
      if (this.#records.length < 5 + len) break;
      const fragment = this.#records.subarray(5, 5 + len);
      this.#records = this.#records.slice(5 + len);
      if (type === 0x15) {
        const code = fragment[1];
        throw new TlsProbeError(`server sent TLS alert ${ALERTS[code] ?? code}${code === 70 ? " (it may accept only TLS 1.3, whose certificate is encrypted)" : ""}`);
      }
      if (type !== 0x16) throw new TlsProbeError(`unexpected TLS record type ${type} before the certificate`);
      this.#handshake = concat(this.#handshake, fragment);
      if (this.#handshake.length > MAX_HANDSHAKE_BYTES) throw new TlsProbeError("handshake larger than expected");
      const leaf = this.#scanHandshake();
      if (leaf) return leaf;
    }
    if (this.#records.length > 0 && this.#records[0] !== 0x15 && this.#records[0] !== 0x16) {
      throw new TlsProbeError("the server did not answer with TLS (is this an HTTPS port?)");
    }
    return null;
  }

  #scanHandshake(): Uint8Array | null {
    let off = 0;
    const h = this.#handshake;
    while (off + 4 <= h.length) {
      const type = h[off];
      const len = (h[off + 1] << 16) | (h[off + 2] << 8) | h[off + 3];
      if (off + 4 + len > h.length) return null;
      const body = h.subarray(off + 4, off + 4 + len);
      if (type === 0x02 && body[0] === 0x03 && body[1] === 0x04) throw new TlsProbeError("server negotiated TLS 1.3: certificate is encrypted");
      if (type === 0x0b) {
        if (body.length < 6) throw new TlsProbeError("empty Certificate message");
        const first = (body[3] << 16) | (body[4] << 8) | body[5];
        return body.slice(6, 6 + first);
      }
      off += 4 + len;
    }
    return null;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

interface Tlv {
  tag: number;
  start: number;
  end: number;
}

function tlv(der: Uint8Array, off: number): Tlv {
  const tag = der[off];
  let len = der[off + 1];
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new TlsProbeError("unsupported DER length");
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + der[off + 2 + i];
    start += n;
  }
  if (start + len > der.length) throw new TlsProbeError("truncated certificate");
  return { tag, start, end: start + len };
}

function children(der: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = parent.start; off < parent.end; ) {
    const t = tlv(der, off);
    out.push(t);
    off = t.end;
  }
  return out;
}

function parseTime(der: Uint8Array, t: Tlv): number {
  const s = new TextDecoder().decode(der.subarray(t.start, t.end));
  const m = t.tag === 0x17 ? /^(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?Z$/.exec(s) : /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})?(?:\.\d+)?Z$/.exec(s);
  if (!m) throw new TlsProbeError(`unreadable certificate time ${s}`);
  let year = Number(m[1]);
  if (t.tag === 0x17) year += year < 50 ? 2000 : 1900; // RFC 5280 §4.1.2.5.1
  return Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6] ?? 0));
}

const CN_OID = [0x55, 0x04, 0x03];

/** The common name of an X.500 Name, or null. */
function commonName(der: Uint8Array, name: Tlv): string | null {
  for (const rdn of children(der, name)) {
    for (const atv of children(der, rdn)) {
      const [oid, value] = children(der, atv);
      if (oid && value && oid.end - oid.start === 3 && CN_OID.every((b, i) => der[oid.start + i] === b)) {
        return new TextDecoder().decode(der.subarray(value.start, value.end));
      }
    }
  }
  return null;
}

/** Validity and names of an X.509 certificate (RFC 5280 TBSCertificate), from its DER. */
export function parseCertificate(der: Uint8Array): CertificateInfo {
  const cert = tlv(der, 0);
  const [tbs] = children(der, cert);
  if (!tbs || tbs.tag !== 0x30) throw new TlsProbeError("not an X.509 certificate");
  const fields = children(der, tbs);
  const i = fields[0]?.tag === 0xa0 ? 1 : 0; // explicit version
  const issuer = fields[i + 2];
  const validity = fields[i + 3];
  const subject = fields[i + 4];
  if (!validity || validity.tag !== 0x30) throw new TlsProbeError("certificate has no validity");
  const [nb, na] = children(der, validity);
  return { notBefore: parseTime(der, nb), notAfter: parseTime(der, na), subject: subject ? commonName(der, subject) : null, issuer: issuer ? commonName(der, issuer) : null };
}

/** Connects, reads the leaf certificate, and closes. Throws TlsProbeError with a reason. */
export async function readServerCertificate(open: OpenSocket, hostname: string, port: number, timeoutMs: number, random: Uint8Array = crypto.getRandomValues(new Uint8Array(32))): Promise<CertificateInfo> {
  const socket = open(hostname, port);
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TlsProbeError(`no certificate within ${timeoutMs} ms`)), timeoutMs);
  });
  const work = (async () => {
    const writer = socket.writable.getWriter();
    await writer.write(clientHello(hostname, random));
    writer.releaseLock();
    const reader = socket.readable.getReader();
    const certs = new CertificateReader();
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) throw new TlsProbeError("connection closed before the certificate arrived");
        const leaf = certs.push(value);
        if (leaf) return parseCertificate(leaf);
      }
    } finally {
      reader.releaseLock();
    }
  })();
  try {
    return await Promise.race([work, timeout]);
  } catch (e) {
    if (e instanceof TlsProbeError) throw e;
    throw new TlsProbeError(`could not read the certificate: ${(e as Error).message}`);
  } finally {
    clearTimeout(timer);
    work.catch(() => {});
    await Promise.resolve(socket.close()).catch(() => {});
  }
}

export function daysRemaining(notAfter: number, nowMs: number): number {
  return (notAfter - nowMs) / 86_400_000;
}
