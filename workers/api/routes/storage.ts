/**
 * Read access to a project's stored files: the catalog listing and the Parquet objects
 * themselves (with HTTP Range, so DuckDB in a browser or a script can read only the
 * footer and the row groups it needs). A key outside the caller's project is a 404:
 * another project's files are not even acknowledged to exist.
 */
import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { SIGNALS, type Signal } from "../../../core/schema";
import { requireScope } from "../../middleware/auth";

export const storageRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

function parseSignal(value: string | undefined): Signal {
  if (value && (SIGNALS as readonly string[]).includes(value)) return value as Signal;
  throw new HTTPException(400, { message: `query parameter 'signal' must be one of ${SIGNALS.join(", ")}` });
}

storageRoutes.get("/api/v1/storage/files", requireScope("read"), async (c) => {
  const signal = parseSignal(c.req.query("signal"));
  const catalog = c.env.CATALOG.get(c.env.CATALOG.idFromName(c.get("projectId")));
  const files = await catalog.list({ signal });
  return c.json({ files });
});

/** Parses a single `bytes=a-b` / `bytes=a-` / `bytes=-n` range. */
export function parseRange(header: string | undefined): R2Range | undefined | null {
  if (!header) return undefined;
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === "" && m[2] === "")) return null;
  if (m[1] === "") return { suffix: Number(m[2]) };
  const offset = Number(m[1]);
  if (m[2] === "") return { offset };
  const end = Number(m[2]);
  if (end < offset) return null;
  return { offset, length: end - offset + 1 };
}

storageRoutes.get("/api/v1/storage/objects/*", requireScope("read"), async (c) => {
  const key = decodeURIComponent(c.req.path.slice("/api/v1/storage/objects/".length));
  if (!key.startsWith(`v1/${c.get("projectId")}/`) || key.includes("..")) throw new HTTPException(404, { message: "no such object" });
  const range = parseRange(c.req.header("range"));
  if (range === null) throw new HTTPException(416, { message: "unsupported Range header: use a single bytes=start-end range" });
  const obj = await c.env.BUCKET.get(key, range ? { range } : undefined);
  if (!obj) throw new HTTPException(404, { message: "no such object" });
  const headers = new Headers({ "content-type": "application/vnd.apache.parquet", etag: obj.httpEtag, "accept-ranges": "bytes" });
  if (range && obj.range) {
    const r = obj.range as { offset?: number; length?: number };
    const offset = r.offset ?? 0;
    const length = r.length ?? obj.size - offset;
    headers.set("content-range", `bytes ${offset}-${offset + length - 1}/${obj.size}`);
    headers.set("content-length", String(length));
    return new Response(obj.body, { status: 206, headers });
  }
  headers.set("content-length", String(obj.size));
  return new Response(obj.body, { status: 200, headers });
});
