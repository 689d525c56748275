/** The public configuration and the event shape sent to `POST /rum` (see docs/rum.md). */
export interface ReplayOptions {
  /** Share of sampled sessions that are recorded (0..1, default 1). */
  sampleRate?: number;
  /** Mask all page text (default true); inputs are always masked. */
  maskAllText?: boolean;
}

export interface InitOptions {
  /** The project's browser key (scope `rum`). */
  key: string;
  service: string;
  version?: string;
  env?: string;
  /** Origin of the Monoscope server; defaults to the origin `sdk.js` was loaded from. */
  endpoint?: string;
  /** Share of sessions sent (0..1, default 1), decided once per session. */
  sampleRate?: number;
  /** Origins (exact string, or a URL prefix) or RegExps whose requests get a `traceparent`. */
  tracePropagationTargets?: (string | RegExp)[];
  /** Also report `console.error` calls (default false). */
  captureConsoleErrors?: boolean;
  /** Session replay: off unless given (`true` or options). */
  replay?: boolean | ReplayOptions;
  /** Where the replay chunk is loaded from (the script-tag build sets this). */
  replayUrl?: string;
}

export type EventType = "view" | "vital" | "error" | "request" | "action" | "long_task" | "resource";

export interface RumEvent {
  /** ms since the epoch */
  t: number;
  type: EventType;
  name?: string;
  value?: number;
  rating?: string;
  target?: string;
  message?: string;
  error_type?: string;
  frames?: { fn: string; file: string; line: number; col: number }[];
  method?: string;
  status?: number;
  request_url?: string;
  duration?: number;
  trace_id?: string;
  span_id?: string;
  attrs?: Record<string, string>;
  /** Filled in by the core. */
  view?: string;
  page?: string;
  url?: string;
}

/** Events get the current view unless they name one (vitals belong to the page load's view). */
export type Emit = (e: Omit<RumEvent, "t"> & { t?: number }) => void;
