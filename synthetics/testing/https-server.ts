/**
 * An HTTPS server with a fresh self-signed certificate that expires in `days` days,
 * made with the openssl CLI (the test's own certificate authority of one).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import https from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface HttpsTarget {
  url: string;
  port: number;
  close(): Promise<void>;
}

export async function startHttpsServer(days: number, commonName = "expiring.test"): Promise<HttpsTarget> {
  const dir = mkdtempSync(join(tmpdir(), "synthetics-cert-"));
  try {
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "key.pem"), "-out", join(dir, "cert.pem"), "-days", String(days), "-subj", `/CN=${commonName}`], { stdio: "ignore" });
    const server = https.createServer({ key: readFileSync(join(dir, "key.pem")), cert: readFileSync(join(dir, "cert.pem")) }, (_, res) => {
      res.writeHead(200, { "content-type": "text/plain" });
      res.end("secure hello");
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
      url: `https://127.0.0.1:${port}/`,
      port,
      close: () =>
        new Promise((resolve) => {
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
