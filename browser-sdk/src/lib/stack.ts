/**
 * Parses `Error.stack` text into frames. Chromium/V8 writes `    at fn (file:line:col)`
 * (or `at file:line:col`); Firefox and Safari write `fn@file:line:col`. Lines that match
 * neither (the message, `[native code]`) are skipped.
 */
export interface Frame {
  fn: string;
  file: string;
  line: number;
  col: number;
}

const V8 = /^\s*at (?:(?:async )?(.+?) \()?(?:async )?(.+?):(\d+):(\d+)\)?\s*$/;
const GECKO = /^\s*(.*?)@(.+?):(\d+):(\d+)\s*$/;
const MAX_FRAMES = 50;

export function parseStack(stack: string | undefined | null): Frame[] {
  const frames: Frame[] = [];
  if (!stack) return frames;
  for (const line of stack.split("\n")) {
    const m = V8.exec(line) ?? GECKO.exec(line);
    if (!m) continue;
    frames.push({ fn: m[1] || "?", file: m[2], line: +m[3], col: +m[4] });
    if (frames.length === MAX_FRAMES) break;
  }
  return frames;
}

/** `fn (file:line:col)` of the first frame, the grouping key next to the message. */
export function topFrame(frames: readonly Frame[]): string {
  const f = frames[0];
  return f ? `${f.fn} (${f.file}:${f.line}:${f.col})` : "";
}
