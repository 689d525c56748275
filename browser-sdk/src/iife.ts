/**
 * The script-tag build (`/sdk.js`):
 *   <script src="https://<host>/sdk.js" data-key="…" data-service="shop-web" async></script>
 * Reads its options from the tag's data attributes, starts at once (unless
 * `data-manual` is set, for pages that call `Monoscope.init` themselves), and exposes
 * the API as `window.Monoscope`. Replay is loaded as `/sdk-replay.js` from the same host.
 */
import { addAction, addError, flush, setContext, setUser, start, type ReplayModule } from "./core";
import type { InitOptions } from "./types";

const script = document.currentScript as HTMLScriptElement | null;
const origin = script?.src ? new URL(script.src).origin : location.origin;

function loadReplay(url?: string): Promise<ReplayModule> {
  return new Promise((resolve, reject) => {
    const w = window as unknown as { __mseReplay?: ReplayModule };
    const s = document.createElement("script");
    s.src = url ?? `${origin}/sdk-replay.js`;
    s.async = true;
    s.onload = () => (w.__mseReplay ? resolve(w.__mseReplay) : reject(new Error("replay chunk did not register")));
    s.onerror = reject;
    document.head.appendChild(s);
  });
}

function init(o: InitOptions): void {
  start({ endpoint: origin, ...o }, loadReplay);
}

(window as unknown as { Monoscope: object }).Monoscope = { init, setUser, setContext, addAction, addError, flush };

const d = script?.dataset;
if (d?.key && d.manual === undefined) {
  init({
    key: d.key,
    service: d.service ?? "web",
    version: d.version,
    env: d.env,
    sampleRate: d.sampleRate ? Number(d.sampleRate) : undefined,
    tracePropagationTargets: d.traceOrigins ? d.traceOrigins.split(/[\s,]+/).filter(Boolean) : undefined,
    captureConsoleErrors: d.consoleErrors !== undefined,
    replay: d.replay !== undefined,
  });
}
