/**
 * A local HTTP server that behaves like the targets checks meet in the wild: slow,
 * failing, wrong bodies, redirect loops, hanging, and a tiny login API for multi-step
 * tests. Used by the unit tests (Node) and, through the workers global setup, by the
 * tests inside workerd. `/control/down` and `/control/up` flip `/health` so a test can
 * make a target fail and recover.
 */
import http from "node:http";
import type { AddressInfo } from "node:net";

export interface TargetServer {
  url: string;
  close(): Promise<void>;
}

export async function startTargetServer(): Promise<TargetServer> {
  let down = false;
  /** Per-key health, so tests sharing one server do not disturb each other. */
  const downKeys = new Set<string>();
  const pings: string[] = [];
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const keyed = /^\/(health|control\/down|control\/up)\/([\w-]+)$/.exec(url.pathname);
      if (keyed) {
        const [, what, key] = keyed;
        if (what === "control/down") downKeys.add(key);
        if (what === "control/up") downKeys.delete(key);
        if (what !== "health") return json(200, { key, down: downKeys.has(key) });
        return downKeys.has(key) ? json(503, { status: "down", key }) : json(200, { status: "ok", key });
      }
      switch (url.pathname) {
        case "/ok":
          return json(200, { status: "ok", version: "1.2.3", items: [{ id: 1 }, { id: 2 }] }, { "x-service": "demo" });
        case "/slow":
          setTimeout(() => json(200, { status: "ok" }), Number(url.searchParams.get("ms") ?? 300));
          return;
        case "/fail":
          return json(500, { error: "database unavailable" });
        case "/wrong-body":
          return json(200, { status: "degraded" });
        case "/loop-a":
          res.writeHead(302, { location: "/loop-b" });
          return res.end();
        case "/loop-b":
          res.writeHead(302, { location: "/loop-a" });
          return res.end();
        case "/redirect":
          res.writeHead(301, { location: "/ok" });
          return res.end();
        case "/hang":
          return; // never answers; the check's timeout ends it
        case "/health":
          return down ? json(503, { status: "down" }) : json(200, { status: "ok" });
        case "/control/down":
          down = true;
          return json(200, { down });
        case "/control/up":
          down = false;
          return json(200, { down });
        case "/login": {
          let creds: { user?: string; password?: string } = {};
          try {
            creds = JSON.parse(body);
          } catch {
            /* falls through to 401 */
          }
          if (req.method !== "POST" || creds.user !== "alice" || creds.password !== "s3cret-pass") return json(401, { error: "bad credentials" });
          return json(200, { token: "tok-7f3a9c", expires_in: 3600 });
        }
        case "/me":
          if (req.headers.authorization !== "Bearer tok-7f3a9c") return json(401, { error: "no token" });
          return json(200, { user: "alice", plan: "pro" });
        default:
          pings.push(url.pathname);
          return json(404, { error: "not found" });
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
