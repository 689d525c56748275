/**
 * JavaScript errors (`error` events), unhandled promise rejections and, opt-in,
 * `console.error` calls, each with its stack parsed into frames.
 */
import { parseStack } from "./lib/stack";
import type { Emit } from "./types";

export function errorEvent(error: unknown, source: string, fallbackMessage = ""): Parameters<Emit>[0] {
  const err = error instanceof Error ? error : null;
  const message = err ? err.message : typeof error === "string" ? error : fallbackMessage || safeText(error);
  return {
    type: "error",
    name: source,
    error_type: err ? err.name : source === "unhandledrejection" ? "UnhandledRejection" : "Error",
    message: message.slice(0, 2000),
    frames: parseStack(err?.stack),
  };
}

function safeText(v: unknown): string {
  try {
    return typeof v === "object" ? JSON.stringify(v) : String(v);
  } catch {
    return String(v);
  }
}

export function collectErrors(emit: Emit, captureConsole: boolean): void {
  addEventListener("error", (e: ErrorEvent) => {
    // Resource load errors (img, script) reach window listeners only in the capture
    // phase; this bubble-phase listener sees script errors alone.
    emit(errorEvent(e.error ?? e.message, "error", e.message));
  });
  addEventListener("unhandledrejection", (e: PromiseRejectionEvent) => emit(errorEvent(e.reason, "unhandledrejection")));
  if (!captureConsole) return;
  const original = console.error;
  console.error = function (...args: unknown[]) {
    try {
      const err = args.find((a) => a instanceof Error);
      emit(errorEvent(err ?? args.map((a) => (typeof a === "string" ? a : safeText(a))).join(" "), "console"));
    } catch {
      // never into the host page
    }
    return original.apply(this, args);
  };
}
