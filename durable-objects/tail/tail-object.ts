/**
 * Live tail: one object per project holds the dashboard's tail WebSockets (hibernatable:
 * an idle tail costs nothing) and, while any is open, ticks once a second. A tick asks
 * each buffer shard for the batches that arrived since the last tick (by arrival, so a
 * log with an old timestamp still shows), runs every socket's query over them with the
 * edge engine — the same language and engine as Explore — and sends the matching rows.
 */
import { DurableObject } from "cloudflare:workers";
import { SIGNALS, type Signal } from "../../core/schema";
import { limits } from "../../workers/env";
import { allBufferNames } from "../../workers/ingest/shards";
import { createEngine } from "../../wasm-query/engine/engine";
import { planQuery } from "../../wasm-query/engine/plan";
import { fileName } from "../../wasm-query/engine/relation";
import { bytesSource } from "../../wasm-query/engine/source";

const TICK_MS = 1000;
/** Rows sent per tick and socket at most (a burst is cut, and the client is told). */
const MAX_ROWS_PER_TICK = 500;

interface Subscription {
  query: string;
  signal: Signal;
  paused: boolean;
}

export type TailMessage =
  | { type: "ready"; signal: Signal }
  | { type: "rows"; columns: { name: string; type: string }[]; rows: unknown[][]; truncated: boolean }
  | { type: "error"; message: string };

export class TailObject extends DurableObject<Env> {
  override async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    const projectId = request.headers.get("x-tail-project");
    const query = url.searchParams.get("query") ?? "";
    if (!projectId) return new Response("missing project", { status: 400 });
    if (request.headers.get("upgrade") !== "websocket") return new Response("expected a WebSocket upgrade", { status: 426 });
    let signal: Signal;
    try {
      signal = planQuery(query, { timeRange: wideRange() }).signal;
    } catch (e) {
      return Response.json({ error: (e as Error).message }, { status: 400 });
    }
    await this.ctx.storage.put("projectId", projectId);
    await this.#initCursors(projectId, signal);
    const pair = new WebSocketPair();
    this.ctx.acceptWebSocket(pair[1]);
    pair[1].serializeAttachment({ query, signal, paused: false } satisfies Subscription);
    pair[1].send(JSON.stringify({ type: "ready", signal } satisfies TailMessage));
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + TICK_MS);
    return new Response(null, { status: 101, webSocket: pair[0] });
  }

  override async webSocketMessage(ws: WebSocket, message: string | ArrayBuffer): Promise<void> {
    const sub = ws.deserializeAttachment() as Subscription;
    const text = typeof message === "string" ? message : new TextDecoder().decode(message);
    if (text === '{"type":"pause"}') ws.serializeAttachment({ ...sub, paused: true });
    if (text === '{"type":"resume"}') ws.serializeAttachment({ ...sub, paused: false });
  }

  override async webSocketClose(ws: WebSocket, code: number): Promise<void> {
    ws.close(code === 1005 ? 1000 : code, "bye");
  }

  override async alarm(): Promise<void> {
    const sockets = this.ctx.getWebSockets();
    const projectId = await this.ctx.storage.get<string>("projectId");
    if (sockets.length === 0 || !projectId) {
      // Nobody is watching: stop ticking and start from "now" next time.
      await this.ctx.storage.delete(SIGNALS.map((s) => `cursor:${s}`));
      return;
    }
    try {
      const bySignal = new Map<Signal, WebSocket[]>();
      for (const ws of sockets) {
        const sub = ws.deserializeAttachment() as Subscription;
        bySignal.set(sub.signal, [...(bySignal.get(sub.signal) ?? []), ws]);
      }
      for (const [signal, group] of bySignal) await this.#tick(projectId, signal, group);
    } catch (e) {
      console.error("live tail tick failed", e);
    } finally {
      await this.ctx.storage.setAlarm(Date.now() + TICK_MS);
    }
  }

  async #initCursors(projectId: string, signal: Signal): Promise<void> {
    if (await this.ctx.storage.get(`cursor:${signal}`)) return;
    const cursors = await Promise.all(this.#buffers(projectId, signal).map((b) => b.hotSince(-1).then((r) => r.lastId)));
    await this.ctx.storage.put(`cursor:${signal}`, cursors);
  }

  #buffers(projectId: string, signal: Signal) {
    return allBufferNames(projectId, signal, limits(this.env).bufferShards).map(({ name }) => this.env.BUFFER.get(this.env.BUFFER.idFromName(name)));
  }

  async #tick(projectId: string, signal: Signal, sockets: WebSocket[]): Promise<void> {
    const cursors = (await this.ctx.storage.get<number[]>(`cursor:${signal}`)) ?? [];
    const fresh = await Promise.all(this.#buffers(projectId, signal).map((b, i) => b.hotSince(cursors[i] ?? -1)));
    await this.ctx.storage.put(`cursor:${signal}`, fresh.map((f) => f.lastId));
    const files = fresh.flatMap((f) => f.files);
    if (files.length === 0) return;
    const sources = files.map((bytes, i) => bytesSource(fileName(i), bytes));
    const byQuery = new Map<string, WebSocket[]>();
    for (const ws of sockets) {
      const sub = ws.deserializeAttachment() as Subscription;
      if (!sub.paused) byQuery.set(sub.query, [...(byQuery.get(sub.query) ?? []), ws]);
    }
    for (const [query, group] of byQuery) {
      let message: TailMessage;
      try {
        const planned = planQuery(query, { timeRange: wideRange(), maxRows: MAX_ROWS_PER_TICK + 1 });
        const r = await createEngine().run(planned.plan, { files: sources, columns: planned.columns });
        if (r.rows.length === 0) continue;
        message = { type: "rows", columns: r.columns, rows: r.rows.slice(0, MAX_ROWS_PER_TICK), truncated: r.rows.length > MAX_ROWS_PER_TICK };
      } catch (e) {
        message = { type: "error", message: (e as Error).message };
      }
      const text = JSON.stringify(message);
      for (const ws of group) ws.send(text);
    }
  }
}

/** Tail filters by arrival, not by time: any timestamp from a week ago to an hour ahead. */
function wideRange() {
  const now = Date.now() * 1000;
  return { fromUs: now - 7 * 86_400_000_000, toUs: now + 3_600_000_000 };
}
