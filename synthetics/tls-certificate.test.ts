/**
 * The certificate probe against a real Node HTTPS server whose self-signed certificate
 * (made by openssl for this test) expires in 5 days, over a real TCP socket adapted to
 * the Web-streams shape `cloudflare:sockets` gives in workerd.
 */
import net from "node:net";
import { Duplex } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clientHello, CertificateReader, daysRemaining, readServerCertificate, TlsProbeError, type TlsSocket } from "./tls-certificate";
import { startHttpsServer, type HttpsTarget } from "./testing/https-server";
import { startTargetServer, type TargetServer } from "./testing/target-server";

function nodeSocket(hostname: string, port: number): TlsSocket {
  const socket = net.connect(port, hostname);
  const web = Duplex.toWeb(socket) as unknown as { readable: ReadableStream<Uint8Array>; writable: WritableStream<Uint8Array> };
  return { readable: web.readable, writable: web.writable, close: () => void socket.destroy() };
}

let tls: HttpsTarget;
let plain: TargetServer;
beforeAll(async () => {
  tls = await startHttpsServer(5, "expiring.test");
  plain = await startTargetServer();
});
afterAll(async () => {
  await tls.close();
  await plain.close();
});

describe("reading a server certificate over a plain socket", () => {
  it("reads the expiry of a certificate that expires in 5 days", async () => {
    const now = Date.now();
    const cert = await readServerCertificate(nodeSocket, "127.0.0.1", tls.port, 5000);
    expect(cert.subject).toBe("expiring.test");
    expect(cert.issuer).toBe("expiring.test");
    const days = daysRemaining(cert.notAfter, now);
    expect(days).toBeGreaterThan(4.9);
    expect(days).toBeLessThanOrEqual(5.01);
    expect(cert.notBefore).toBeLessThanOrEqual(now + 1000);
  });

  it("says the port does not speak TLS", async () => {
    const port = Number(new URL(plain.url).port);
    await expect(readServerCertificate(nodeSocket, "127.0.0.1", port, 5000)).rejects.toThrow(TlsProbeError);
  });

  it("reports a TLS alert by name", () => {
    const reader = new CertificateReader();
    expect(() => reader.push(Uint8Array.from([0x15, 0x03, 0x03, 0x00, 0x02, 0x02, 70]))).toThrow(/protocol_version.*TLS 1.3/);
  });

  it("puts the host name in SNI, but not an IP literal", () => {
    const random = new Uint8Array(32);
    const named = new TextDecoder("latin1").decode(clientHello("status.example.com", random));
    expect(named).toContain("status.example.com");
    expect(clientHello("10.0.0.1", random).length).toBeLessThan(clientHello("status.example.com", random).length);
  });
});
