/**
 * A tiny shop for RUM system tests, served by node:http on its own loopback port (so
 * its origin differs from the Monoscope server's): a single-page app that loads the SDK
 * by script tag from the running server, and a traced backend route, `/api/checkout`,
 * which records the `traceparent` it receives and reports its server span with the
 * official OpenTelemetry exporter, as a child of the browser's span.
 */
import { createServer, type Server } from "node:http";
import { context, SpanKind, trace, TraceFlags } from "@opentelemetry/api";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-proto";
import { BasicTracerProvider, SimpleSpanProcessor } from "@opentelemetry/sdk-trace-base";
import { freePort } from "./server";

export interface RumSite {
  port: number;
  /** `http://127.0.0.1:<port>`; the same site as `http://localhost:<port>` is another origin. */
  origin: string;
  traceparents: string[];
  flushSpans(): Promise<void>;
  close(): Promise<void>;
}

export function shopPage(o: { sdk: string; key: string; service: string; traceOrigin: string }): string {
  return `<!doctype html>
<html><head><meta charset="utf-8"><title>Shop</title>
<script src="${o.sdk}" data-key="${o.key}" data-service="${o.service}" data-version="1.0.0" data-trace-origins="${o.traceOrigin}" data-replay async></script>
</head><body>
<h1 id="title">Shop</h1>
<p class="secret-text">Order for Jane Doe</p>
<p id="hero" aria-label="hero banner" style="font-size:40px;max-width:900px">Everything for your home, delivered tomorrow: free returns on every order.</p>
<label>Card <input id="card" name="card" autocomplete="off"></label>
<button id="buy">Buy now</button>
<script>
  function checkout() { throw new TypeError("checkout exploded"); }
  document.getElementById("buy").addEventListener("click", function () { setTimeout(checkout, 0); });
</script>
</body></html>`;
}

export async function startRumSite(o: { monoscope: string; key: string; ingestKey: string }): Promise<RumSite> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const traceparents: string[] = [];
  const exporter = new OTLPTraceExporter({ url: `${o.monoscope}/v1/traces`, headers: { authorization: `Bearer ${o.ingestKey}` } });
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes({ "service.name": "shop-api" }), spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const tracer = provider.getTracer("shop-api");

  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", origin);
    if (url.pathname === "/api/checkout") {
      const header = req.headers.traceparent;
      const tp = typeof header === "string" ? header : "";
      traceparents.push(tp);
      const m = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/.exec(tp);
      const parent = m ? trace.setSpanContext(context.active(), { traceId: m[1], spanId: m[2], traceFlags: TraceFlags.SAMPLED, isRemote: true }) : context.active();
      const span = tracer.startSpan(`${req.method} /api/checkout`, { kind: SpanKind.SERVER, attributes: { "http.route": "/api/checkout" } }, parent);
      span.end();
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: true }));
      return;
    }
    // Every other path is the single-page app.
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
    res.end(shopPage({ sdk: `${o.monoscope}/sdk.js`, key: o.key, service: url.searchParams.get("service") ?? "shop-web", traceOrigin: `http://${req.headers.host}` }));
  });
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  return {
    port,
    origin,
    traceparents,
    flushSpans: () => provider.forceFlush(),
    close: async () => {
      await provider.shutdown();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
