/**
 * Session replay with rrweb's Replayer, loaded as a lazy chunk only when a session with a
 * replay is opened. Events come from GET /api/v1/rum/replays/:session (chunks in order).
 */
import { useEffect, useRef, useState } from "preact/hooks";
import { api, ApiError } from "../api";

export function ReplayPlayer({ session }: { session: string }) {
  const host = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<"loading" | "ready" | "none" | string>("loading");
  useEffect(() => {
    let replayer: { destroy(): void } | null = null;
    let live = true;
    (async () => {
      try {
        const [{ events }, { Replayer }] = await Promise.all([
          api<{ events: { type: number; timestamp: number }[] }>(`/api/v1/rum/replays/${session}`),
          import("@rrweb/replay"),
        ]);
        if (!live || !host.current) return;
        const r = new Replayer(events as never, { root: host.current, skipInactive: true, mouseTail: false });
        replayer = r;
        r.play();
        setState("ready");
      } catch (e) {
        if (!live) return;
        setState(e instanceof ApiError && e.status === 404 ? "none" : e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      live = false;
      replayer?.destroy();
    };
  }, [session]);
  return (
    <section class="rum-panel rum-replay">
      <h3>Replay</h3>
      {state === "loading" && <div class="muted">Loading replay…</div>}
      {state === "none" && <div class="muted">No replay was recorded for this session (replay is opt-in in the SDK).</div>}
      {state !== "loading" && state !== "none" && state !== "ready" && <div class="error-box">{state}</div>}
      <div ref={host} class="rum-replay-stage" data-state={state} />
    </section>
  );
}
