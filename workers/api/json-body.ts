/**
 * Reads a JSON object body with a size cap checked before and after reading (a missing
 * or lying Content-Length cannot get more through). Errors are 413/400 with what is wrong.
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";

export async function readJsonObject(c: Context, maxBytes: number): Promise<Record<string, unknown>> {
  const declared = Number(c.req.header("content-length") ?? 0);
  if (declared > maxBytes) throw new HTTPException(413, { message: `request body over ${maxBytes} bytes` });
  const text = await c.req.text();
  if (new TextEncoder().encode(text).length > maxBytes) throw new HTTPException(413, { message: `request body over ${maxBytes} bytes` });
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new HTTPException(400, { message: `request body is not JSON: ${(e as Error).message}` });
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new HTTPException(400, { message: "request body must be a JSON object" });
  return body as Record<string, unknown>;
}
