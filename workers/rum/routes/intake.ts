/**
 * RUM intake: `POST /rum` (beacons from the browser SDK) and `POST /rum/replay`
 * (session replay chunks), with their CORS preflights. Beacons go through the same
 * buffer Durable Objects → Parquet → catalog path as OTLP, into the `rum` table; replay
 * chunks are stored in R2 under `replay/{project}/{session}/{seq}.json`.
 *
 * The SDK sends `text/plain` so that `sendBeacon` needs no preflight; JSON clients may
 * send `application/json` (and get a preflight answered). Bodies are capped before they
 * are read: a beacon at 64 KB (what browsers allow for `sendBeacon`), a replay chunk at 1 MB.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { limits } from "../../env";
import { requireBrowserKey } from "../../middleware/browser-key";
import { BodyError, readBody } from "../../ingest/body";
import { bufferName, pickShard } from "../../ingest/shards";
import { BeaconError, parseBeacon } from "../beacon";
import { geoFromCf } from "../geo";
import { encodeRumRows } from "../rows";
import { parseUserAgent } from "../user-agent";
import { replayChunkKey, validateReplayChunk } from "../replay";

export const MAX_BEACON_BYTES = 64 * 1024;
export const MAX_REPLAY_CHUNK_BYTES = 1024 * 1024;

type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

async function readText(c: Ctx, maxBytes: number): Promise<string> {
  const type = (c.req.header("content-type") ?? "").split(";")[0].trim().toLowerCase();
  if (type !== "text/plain" && type !== "application/json") {
    throw new HTTPException(415, { message: `unsupported Content-Type '${type}': send text/plain or application/json` });
  }
  try {
    return utf8.decode(await readBody(c.req.raw, { maxBytes, maxDecompressedBytes: maxBytes * 4 }));
  } catch (err) {
    if (err instanceof BodyError) {
      const status = err.code === "too_large" || err.code === "decompressed_too_large" ? 413 : err.code === "bad_encoding" ? 415 : 400;
      throw new HTTPException(status, { message: err.message });
    }
    if (err instanceof TypeError) throw new HTTPException(400, { message: "body is not valid UTF-8" });
    throw err;
  }
}

export const rumIntakeRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

// `/rum` is the beacon endpoint, so the worker sees it first; a person typing it in the
// address bar wants the dashboard's RUM page, which lives under /rum/….
rumIntakeRoutes.get("/rum", (c) => c.redirect(`/rum/overview${new URL(c.req.url).search}`));

// Preflights: answered only for a valid browser key from an allowed origin.
rumIntakeRoutes.options("/rum/replay", requireBrowserKey(), preflight);
rumIntakeRoutes.options("/rum", requireBrowserKey(), preflight);

function preflight(c: Ctx): Response {
  c.header("access-control-allow-methods", "POST, OPTIONS");
  c.header("access-control-allow-headers", "content-type, content-encoding, x-api-key");
  c.header("access-control-max-age", "86400");
  return c.body(null, 204);
}

rumIntakeRoutes.post("/rum", requireBrowserKey(), async (c) => {
  const text = await readText(c, MAX_BEACON_BYTES);
  let rows;
  try {
    rows = parseBeacon(text, {
      nowMs: Date.now(),
      ua: parseUserAgent(c.req.header("user-agent")),
      geo: geoFromCf(c.req.raw.cf as Record<string, unknown> | undefined),
    });
  } catch (err) {
    if (err instanceof BeaconError) throw new HTTPException(400, { message: `invalid beacon: ${err.message}` });
    throw err;
  }
  const projectId = c.get("projectId");
  const lim = limits(c.env);
  const shard = pickShard(lim.bufferShards);
  const stub = c.env.BUFFER.get(c.env.BUFFER.idFromName(bufferName(projectId, "rum", shard)));
  let appended;
  try {
    appended = await stub.append({
      projectId,
      signal: "rum",
      shard,
      format: "json",
      payload: new TextEncoder().encode(encodeRumRows(rows)),
      records: rows.length,
      receivedAtMs: Date.now(),
    });
  } catch (err) {
    console.error(`rum buffer append failed: ${err instanceof Error ? err.message : String(err)}`);
    c.header("retry-after", "2");
    return c.json({ error: "RUM buffer temporarily unavailable, retry later" }, 503);
  }
  if (!appended.ok) {
    c.header("retry-after", String(appended.retryAfterSeconds));
    return c.json({ error: "RUM buffer is full while flushing catches up, retry later" }, 429);
  }
  return c.json({ accepted: rows.length }, 202);
});

rumIntakeRoutes.post("/rum/replay", requireBrowserKey(), async (c) => {
  const session = c.req.query("session") ?? "";
  const seq = c.req.query("seq") ?? "";
  const text = await readText(c, MAX_REPLAY_CHUNK_BYTES);
  let chunk;
  try {
    chunk = validateReplayChunk(session, seq, text);
  } catch (err) {
    if (err instanceof BeaconError) throw new HTTPException(400, { message: `invalid replay chunk: ${err.message}` });
    throw err;
  }
  await c.env.BUCKET.put(replayChunkKey(c.get("projectId"), chunk.session, chunk.seq), text, {
    httpMetadata: { contentType: "application/json" },
    customMetadata: { events: String(chunk.events), first: String(chunk.firstTimestamp ?? "") },
  });
  return c.json({ stored: chunk.events }, 202);
});
