/**
 * OTLP/HTTP ingest: POST /v1/traces, /v1/logs, /v1/metrics (protobuf or JSON, with or
 * without gzip). The batch is validated in full, then appended to a buffer Durable
 * Object; only when that write is durable does the client get its 200
 * (Export*ServiceResponse, with partial_success when records were rejected).
 * Errors follow the OTLP spec: a google.rpc.Status body in the request's encoding.
 */
import { Hono, type Context } from "hono";
import type { AppEnv, Vars } from "../../env";
import { limits } from "../../env";
import type { OtlpSignal as Signal } from "../../../core/schema";
import { requireScope } from "../../middleware/auth";
import { BodyError, readBody } from "../body";
import { CONTENT_TYPES, otlpFormat, type OtlpFormat } from "../content-type";
import { bufferName, pickShard } from "../shards";
import { decodeJson, decodeProtobuf, encodeExportResponse, encodeStatus, OtlpDecodeError, type DecodeResult } from "../otlp";

// fatal: invalid UTF-8 in a JSON body is a 400, not silently replaced characters.
const strictUtf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

const PATH_SIGNALS: Record<string, Signal> = { traces: "spans", logs: "logs", metrics: "metrics" };

/** google.rpc.Status codes (https://github.com/googleapis/googleapis/blob/master/google/rpc/code.proto). */
const RPC = { INVALID_ARGUMENT: 3, RESOURCE_EXHAUSTED: 8, UNAUTHENTICATED: 16, UNAVAILABLE: 14 } as const;

export function otlpError(c: Ctx, status: number, message: string, format: OtlpFormat, retryAfter?: number): Response {
  const rpc =
    status === 401 ? RPC.UNAUTHENTICATED : status === 429 ? RPC.RESOURCE_EXHAUSTED : status === 503 ? RPC.UNAVAILABLE : RPC.INVALID_ARGUMENT;
  const headers: Record<string, string> = { "content-type": CONTENT_TYPES[format] };
  if (retryAfter !== undefined) headers["retry-after"] = String(retryAfter);
  return new Response(encodeStatus(format, rpc, message), { status, headers });
}

function decode(signal: Signal, format: OtlpFormat, body: Uint8Array): DecodeResult {
  return format === "protobuf" ? decodeProtobuf(signal, body) : decodeJson(signal, strictUtf8.decode(body));
}

export const otlpRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

otlpRoutes.post("/v1/:signal{traces|logs|metrics}", requireScope("ingest"), async (c) => {
  const signal = PATH_SIGNALS[c.req.param("signal")];
  const format = otlpFormat(c.req.header("content-type"));
  if (!format) {
    return otlpError(c, 415, `unsupported Content-Type '${c.req.header("content-type") ?? ""}': use application/x-protobuf or application/json`, "json");
  }
  const lim = limits(c.env);
  let body: Uint8Array;
  try {
    body = await readBody(c.req.raw, { maxBytes: lim.maxBodyBytes, maxDecompressedBytes: lim.maxDecompressedBytes });
  } catch (err) {
    if (!(err instanceof BodyError)) throw err;
    const status = err.code === "too_large" || err.code === "decompressed_too_large" ? 413 : err.code === "bad_encoding" ? 415 : 400;
    return otlpError(c, status, err.message, format);
  }

  let result: DecodeResult;
  try {
    result = decode(signal, format, body);
  } catch (err) {
    if (err instanceof OtlpDecodeError) return otlpError(c, 400, err.message, format);
    if (err instanceof TypeError && format === "json") return otlpError(c, 400, `request body is not valid UTF-8 JSON: ${err.message}`, format);
    throw err;
  }

  if (result.accepted > 0) {
    const projectId = c.get("projectId");
    const shard = pickShard(lim.bufferShards);
    const stub = c.env.BUFFER.get(c.env.BUFFER.idFromName(bufferName(projectId, signal, shard)));
    let appended;
    try {
      appended = await stub.append({ projectId, signal, shard, format, payload: body, records: result.accepted, receivedAtMs: Date.now() });
    } catch (err) {
      // The object is overloaded or restarting: nothing was stored, the client retries.
      console.error(`buffer append failed: ${err instanceof Error ? err.message : String(err)}`);
      return otlpError(c, 503, "ingest buffer temporarily unavailable, retry later", format, 2);
    }
    if (!appended.ok) return otlpError(c, 429, "ingest buffer is full while flushing catches up, retry later", format, appended.retryAfterSeconds);
  }

  const partial =
    result.rejected > 0 ? { rejected: result.rejected, message: result.errors.join("; ") || `${result.rejected} records rejected` } : undefined;
  return new Response(encodeExportResponse(signal, format, partial), { status: 200, headers: { "content-type": CONTENT_TYPES[format] } });
});
