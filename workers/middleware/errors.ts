/**
 * One place that turns thrown errors into responses: HTTPExceptions are the caller's
 * fault and become 4xx with their message (as a google.rpc.Status on OTLP routes, as
 * `{ error }` JSON elsewhere); anything else is logged and becomes a plain 500.
 */
import type { ErrorHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { otlpFormat } from "../ingest/content-type";
import { encodeStatus } from "../ingest/otlp";

export const onError: ErrorHandler = (err, c) => {
  const status = err instanceof HTTPException ? err.status : 500;
  const message = err instanceof HTTPException ? err.message : "internal error";
  if (!(err instanceof HTTPException)) console.error(err);
  if (c.req.path.startsWith("/v1/")) {
    const format = otlpFormat(c.req.header("content-type")) ?? "json";
    const code = status === 401 ? 16 : status >= 500 ? 13 : 3;
    return new Response(encodeStatus(format, code, message), {
      status,
      headers: { "content-type": format === "protobuf" ? "application/x-protobuf" : "application/json" },
    });
  }
  return c.json({ error: message }, status);
};
