/// <reference types="vite/client" />
/**
 * The OTLP endpoints' answers to bad input, inside workerd: each gets a specific
 * status and a google.rpc.Status message, stores nothing, and the server keeps serving.
 */
import { env, SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createApiKey, createProject } from "../../control/store";
import { bufferName } from "../shards";
import { logsPayload } from "../../../test/workers/otlp-json";

let n = 0;
async function project(scopes: ("ingest" | "read" | "admin")[] = ["ingest"]) {
  const id = `i${Date.now().toString(36)}${n++}`;
  await createProject(env.DB, id, id);
  return { id, key: (await createApiKey(env.DB, id, "t", scopes)).key };
}

async function bufferedBatches(projectId: string, signal: "logs" | "spans" | "metrics" = "logs"): Promise<number> {
  let total = 0;
  for (let s = 0; s < Number(env.BUFFER_SHARDS); s++) total += (await env.BUFFER.get(env.BUFFER.idFromName(bufferName(projectId, signal, s))).stats()).batches;
  return total;
}

function post(path: string, body: BodyInit, headers: Record<string, string>) {
  return SELF.fetch(`http://x${path}`, { method: "POST", body, headers });
}

const json = (key: string) => ({ "content-type": "application/json", authorization: `Bearer ${key}` });
const valid = () => logsPayload("svc", [{ seq: 1, timeMs: Date.now() }]);

describe("OTLP ingest: authentication", () => {
  it("401s a missing key, an unknown key and a key without the ingest scope", async () => {
    const p = await project(["read"]);
    for (const headers of [{ "content-type": "application/json" }, json("mse_nope"), json(p.key)]) {
      const res = await post("/v1/logs", valid(), headers);
      expect(res.status).toBe(401);
      const body = (await res.json()) as { code: number; message: string };
      expect(body.code).toBe(16);
      expect(body.message).toMatch(/API key/);
    }
    expect(await bufferedBatches(p.id)).toBe(0);
  });

  it("accepts the key as x-api-key too", async () => {
    const p = await project();
    const res = await post("/v1/logs", valid(), { "content-type": "application/json", "x-api-key": p.key });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({});
    expect(await bufferedBatches(p.id)).toBe(1);
  });
});

describe("OTLP ingest: bad bodies", () => {
  it("415s other content types", async () => {
    const p = await project();
    const res = await post("/v1/logs", valid(), { ...json(p.key), "content-type": "text/plain" });
    expect(res.status).toBe(415);
    expect(((await res.json()) as { message: string }).message).toContain("text/plain");
  });

  it("413s a body over the limit, by Content-Length, before reading it", async () => {
    const p = await project();
    const res = await post("/v1/logs", new Uint8Array(2_000_001), json(p.key));
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toContain("2000000");
    expect(await bufferedBatches(p.id)).toBe(0);
  });

  it("413s a gzip body that inflates past the limit", async () => {
    const p = await project();
    const zeros = new Uint8Array(8_000_000);
    const bomb = new Uint8Array(await new Response(new Blob([zeros]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer());
    expect(bomb.byteLength).toBeLessThan(100_000);
    const res = await post("/v1/logs", bomb, { ...json(p.key), "content-encoding": "gzip" });
    expect(res.status).toBe(413);
    expect(((await res.json()) as { message: string }).message).toMatch(/inflates past/);
    expect(await bufferedBatches(p.id)).toBe(0);
  });

  it("400s corrupt gzip", async () => {
    const p = await project();
    const res = await post("/v1/logs", new Uint8Array([0x1f, 0x8b, 1, 2, 3]), { ...json(p.key), "content-encoding": "gzip" });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/gzip/);
  });

  it("accepts a gzip body", async () => {
    const p = await project();
    const gz = await new Response(new Blob([valid()]).stream().pipeThrough(new CompressionStream("gzip"))).arrayBuffer();
    const res = await post("/v1/logs", gz, { ...json(p.key), "content-encoding": "gzip" });
    expect(res.status).toBe(200);
    expect(await bufferedBatches(p.id)).toBe(1);
  });

  it("400s malformed JSON with a message naming the position", async () => {
    const p = await project();
    const res = await post("/v1/logs", '{"resourceLogs": [', json(p.key));
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = (await res.json()) as { code: number; message: string };
    expect(body.code).toBe(3);
    expect(body.message.length).toBeGreaterThan(10);
    expect(await bufferedBatches(p.id)).toBe(0);
  });

  it("400s truncated protobuf with a google.rpc.Status protobuf body", async () => {
    const p = await project();
    // Field 1 (resource_spans), length 50, but only 3 bytes follow.
    const res = await post("/v1/traces", new Uint8Array([0x0a, 50, 1, 2, 3]), { "content-type": "application/x-protobuf", authorization: `Bearer ${p.key}` });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toBe("application/x-protobuf");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect(bytes[0]).toBe(0x08); // field 1 (code), varint
    expect(bytes[1]).toBe(3); // INVALID_ARGUMENT
    expect(bytes[2]).toBe(0x12); // field 2 (message)
    expect(new TextDecoder().decode(bytes.subarray(4))).toMatch(/offset/);
    expect(await bufferedBatches(p.id, "spans")).toBe(0);
  });

  it("rejects records with invalid ids as partial success and keeps the rest", async () => {
    const p = await project();
    const body = JSON.stringify({
      resourceSpans: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "svc" } }] },
          scopeSpans: [
            {
              spans: [
                { traceId: "5B8EFFF798038103D269B633813FC60C", spanId: "EEE19B7EC3C1B174", name: "ok", startTimeUnixNano: "1544712660000000000", endTimeUnixNano: "1544712661000000000", kind: 2 },
                { traceId: "xyz", spanId: "EEE19B7EC3C1B174", name: "bad", startTimeUnixNano: "1544712660000000000", endTimeUnixNano: "1544712661000000000" },
              ],
            },
          ],
        },
      ],
    });
    const res = await post("/v1/traces", body, json(p.key));
    expect(res.status).toBe(200);
    const answer = (await res.json()) as { partialSuccess: { rejectedSpans: string | number; errorMessage: string } };
    expect(Number(answer.partialSuccess.rejectedSpans)).toBe(1);
    expect(answer.partialSuccess.errorMessage).toMatch(/trace_?id/i);
    expect(await bufferedBatches(p.id, "spans")).toBe(1);
  });

  it("keeps serving after bad input", async () => {
    const p = await project();
    await post("/v1/logs", "garbage", json(p.key));
    const health = await SELF.fetch("http://x/healthz");
    expect(health.status).toBe(200);
    expect((await post("/v1/logs", valid(), json(p.key))).status).toBe(200);
  });
});

describe("OTLP ingest: CORS and back-pressure", () => {
  it("answers CORS preflights for browser exporters", async () => {
    const res = await SELF.fetch("http://x/v1/traces", {
      method: "OPTIONS",
      headers: { origin: "https://shop.example", "access-control-request-method": "POST", "access-control-request-headers": "content-type,x-api-key" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("access-control-allow-origin")).toBe("*");
    expect(res.headers.get("access-control-allow-headers")).toMatch(/x-api-key/);
  });

  it("answers 429 with Retry-After when a buffer is full, and stores nothing more", async () => {
    const p = await project();
    const big = logsPayload("svc", Array.from({ length: 2500 }, (_, i) => ({ seq: i, timeMs: Date.now(), body: "x".repeat(100) })));
    expect(big.length).toBeGreaterThan(300_000);
    let status = 200;
    let accepted = 0;
    for (let i = 0; i < 20 && status === 200; i++) {
      const res = await post("/v1/logs", big, json(p.key));
      status = res.status;
      if (status === 200) accepted++;
      else {
        expect(res.headers.get("retry-after")).toMatch(/^\d+$/);
        expect(((await res.json()) as { code: number }).code).toBe(8);
      }
    }
    expect(status).toBe(429);
    expect(await bufferedBatches(p.id)).toBe(accepted);
  });
});

describe("OTLP ingest: specification examples", () => {
  // Fixtures in the shape of the opentelemetry-proto repository's JSON examples:
  // uppercase hex ids, int64 as strings, enums as integers, all five metric types.
  const fixtures = import.meta.glob("../otlp/fixtures/*.json", { query: "?raw", import: "default", eager: true }) as Record<string, string>;
  const path: Record<string, string> = { "logs.json": "/v1/logs", "trace.json": "/v1/traces", "metrics.json": "/v1/metrics" };

  it.each(Object.keys(path))("accepts %s over HTTP", async (name) => {
    const file = Object.entries(fixtures).find(([k]) => k.endsWith(`/${name}`));
    expect(file).toBeDefined();
    const p = await project();
    const res = await post(path[name], file![1], json(p.key));
    expect(res.status).toBe(200);
    const answer = await res.json();
    if (name === "metrics.json") {
      // The metrics fixture holds one gauge point without a value, which must be named.
      expect(answer).toEqual({
        partialSuccess: { rejectedDataPoints: "1", errorMessage: expect.stringContaining("gauge.dataPoints[1]: data point has no value") },
      });
    } else expect(answer).toEqual({});
    const signal = name === "trace.json" ? "spans" : name === "logs.json" ? "logs" : "metrics";
    expect(await bufferedBatches(p.id, signal)).toBe(1);
  });
});
