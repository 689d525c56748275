/**
 * Shared pieces of the alert-routing API: body reading with a size cap, validation
 * answers with field paths, and who is acting (for createdBy and the history).
 */
import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../../env";

export type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

export const MAX_BODY = 256 * 1024;

export async function readText(c: Ctx, max = MAX_BODY): Promise<string> {
  const declared = Number(c.req.header("content-length") ?? "0");
  if (declared > max) throw new HTTPException(413, { message: `body larger than ${max} bytes` });
  // Decoded by hand: workerd warns when .text() reads a body whose type is not text (YAML).
  const text = new TextDecoder().decode(await c.req.arrayBuffer());
  if (text.length > max) throw new HTTPException(413, { message: `body larger than ${max} bytes` });
  return text;
}

export async function readJson<T = unknown>(c: Ctx, max = MAX_BODY): Promise<T> {
  const text = await readText(c, max);
  try {
    return JSON.parse(text) as T;
  } catch (e) {
    throw new HTTPException(400, { message: `request body must be JSON: ${(e as Error).message}` });
  }
}

export interface FieldError {
  path: string;
  message: string;
}

/** 400 with every problem and where it is: `{ error, errors: [{ path, message }] }`. */
export function invalid(c: Ctx, errors: FieldError[]) {
  const first = errors[0];
  return c.json({ error: `invalid ${first.path || "body"}: ${first.message}${errors.length > 1 ? ` (and ${errors.length - 1} more)` : ""}`, errors }, 400);
}

/** A readable name for whoever makes the request: the signed-in user's email, or the API key. */
export async function actor(c: Ctx): Promise<string> {
  const keyId = c.get("keyId");
  if (keyId.startsWith("session:")) {
    const row = await c.env.DB.prepare("SELECT email FROM users WHERE id = ?").bind(keyId.slice(8)).first<{ email: string }>();
    return row?.email ?? keyId;
  }
  return `api-key:${keyId.slice(0, 8)}`;
}

export function notFound(what: string): never {
  throw new HTTPException(404, { message: `${what} not found` });
}
