/**
 * ESM build for bundlers: `import { init } from "@monoscope/browser"`. Same API as the
 * script tag; session replay is a separate chunk the bundler splits off, loaded only
 * when `replay` is enabled.
 */
import { start } from "./core";
import type { InitOptions } from "./types";

export { addAction, addError, flush, setContext, setUser } from "./core";
export type { InitOptions, ReplayOptions, RumEvent } from "./types";

export function init(options: InitOptions): void {
  start(options, () => import("./replay/recorder"));
}
