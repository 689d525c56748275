/**
 * Session replay, a lazy chunk (`/sdk-replay.js`, or a split chunk in the ESM build),
 * loaded only when `replay` is enabled: rrweb's recorder with privacy defaults.
 * - every input value is masked (`data-mse-unmask` on an element or ancestor reveals it);
 * - all text is masked unless `maskAllText: false`; `data-mse-mask` masks a subtree then;
 * - `data-mse-block` replaces an element by an empty box of the same size.
 * Events are uploaded in numbered chunks to `POST /rum/replay` (stored in R2 per session).
 */
import { record } from "@rrweb/record";
import type { ReplayModule } from "../core";

const CHUNK_MS = 5_000;
/** Under the server's per-chunk cap (1 MB), and far under memory worries. */
const CHUNK_CHARS = 512 * 1024;

const unmasked = (el: Element | null) => !!el?.closest?.("[data-mse-unmask]");
const stars = (s: string) => s.replace(/\S/g, "*");

export const startRecording: ReplayModule["startRecording"] = ({ url, session, maskAllText }) => {
  let seq = 0;
  let buf: string[] = [];
  let chars = 0;
  const upload = (final: boolean) => {
    if (!buf.length) return;
    const body = `{"events":[${buf.join(",")}]}`;
    buf = [];
    chars = 0;
    const target = `${url}&session=${session}&seq=${seq++}`;
    try {
      // keepalive bodies are capped at 64 KB; larger final chunks go out as plain fetch.
      fetch(target, { method: "POST", body, credentials: "omit", keepalive: final && body.length < 60_000, headers: { "content-type": "text/plain" } }).catch(() => {});
    } catch {
      // never into the host page
    }
  };
  try {
    record({
      emit(event) {
        const text = JSON.stringify(event);
        buf.push(text);
        chars += text.length;
        if (chars > CHUNK_CHARS) upload(false);
      },
      maskAllInputs: true,
      maskInputFn: (text, el) => (unmasked(el) ? text : "*".repeat(text.length)),
      maskTextSelector: maskAllText ? "*" : "[data-mse-mask],[data-mse-mask] *",
      maskTextFn: (text, el) => (unmasked(el) ? text : stars(text)),
      blockSelector: "[data-mse-block]",
      slimDOMOptions: "all",
      inlineStylesheet: true,
    });
  } catch {
    return;
  }
  setInterval(() => upload(false), CHUNK_MS);
  addEventListener("visibilitychange", () => document.visibilityState === "hidden" && upload(true));
  addEventListener("pagehide", () => upload(true));
};
