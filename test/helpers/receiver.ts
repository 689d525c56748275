/**
 * A real HTTP receiver for notification tests: records every request it gets under a
 * "bucket" (the first path segment after /hook/), answers with planned statuses (e.g. 500
 * twice, then 200), and reports what it received. Workers tests reach it over loopback
 * (started by test/workers-receiver-setup.ts); system tests start their own.
 *
 *   POST /hook/<bucket>/…   record, answer the next planned status (200 when none)
 *   PUT  /plan/<bucket>     body: [500, 500] — statuses for the next requests
 *   GET  /log/<bucket>      [{ path, headers, body }]
 */
import { createServer, type Server } from "node:http";

export interface Received {
  path: string;
  headers: Record<string, string>;
  body: unknown;
}

export interface Receiver {
  url: string;
  received(bucket: string): Received[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<Receiver> {
  const log = new Map<string, Received[]>();
  const plans = new Map<string, number[]>();
  const server: Server = createServer((req, res) => {
    let text = "";
    req.on("data", (d) => (text += d));
    req.on("end", () => {
      const [, kind, bucket = ""] = (req.url ?? "").split("/");
      if (kind === "hook" && req.method === "POST") {
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // keep the text
        }
        const headers = { "content-type": String(req.headers["content-type"] ?? ""), "user-agent": String(req.headers["user-agent"] ?? "") };
        (log.get(bucket) ?? log.set(bucket, []).get(bucket)!).push({ path: req.url!, headers, body });
        const status = plans.get(bucket)?.shift() ?? 200;
        res.writeHead(status, { "content-type": "application/json" }).end(status < 300 ? '{"status":"success"}' : '{"error":"planned failure"}');
      } else if (kind === "plan" && req.method === "PUT") {
        plans.set(bucket, JSON.parse(text) as number[]);
        res.writeHead(204).end();
      } else if (kind === "log" && req.method === "GET") {
        res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(log.get(bucket) ?? []));
      } else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  return {
    url,
    received: (bucket) => log.get(bucket) ?? [],
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
