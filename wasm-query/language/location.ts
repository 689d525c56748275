/** Offset → 1-based line and column (UTF-16 code units), for error messages. */
export interface SourceLocation {
  line: number;
  column: number;
}

export function getLocation(source: string, offset: number): SourceLocation {
  let line = 1;
  let lineStart = 0;
  const end = Math.min(Math.max(offset, 0), source.length);
  for (let i = 0; i < end; i++) {
    if (source.charCodeAt(i) === 10 /* \n */) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: end - lineStart + 1 };
}
