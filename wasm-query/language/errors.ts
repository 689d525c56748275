import { getLocation } from "./location.ts";

/** A semantic problem found by the checker, with the source range it is about. */
export interface Diagnostic {
  severity: "error" | "warning";
  message: string;
  from: number;
  to: number;
}

/** What went wrong, as a closed set: the API maps all of them to 400. */
export type QueryErrorCode = "syntax" | "semantic" | "limit";

/**
 * A query that cannot be compiled. Carries the range of the first error (for an editor
 * squiggle and for the API's JSON error) and every diagnostic the checker found.
 */
export class QueryError extends Error {
  readonly code: QueryErrorCode;
  readonly from: number;
  readonly to: number;
  readonly line: number;
  readonly column: number;
  readonly diagnostics: Diagnostic[];

  constructor(code: QueryErrorCode, message: string, source: string, from: number, to: number, diagnostics?: Diagnostic[]) {
    const { line, column } = getLocation(source, from);
    super(`${message} (line ${line}, column ${column})`);
    this.name = "QueryError";
    this.code = code;
    this.from = from;
    this.to = to;
    this.line = line;
    this.column = column;
    this.diagnostics = diagnostics ?? [{ severity: "error", message, from, to }];
    this.reason = message;
  }

  /** The message without the position suffix, for clients that show the range themselves. */
  readonly reason: string;
}

/** The one syntax error a parse stops at (like graphql-js `syntaxError`). */
export class QuerySyntaxError extends QueryError {
  constructor(message: string, source: string, from: number, to: number, code: "syntax" | "limit" = "syntax") {
    super(code, message, source, from, to);
    this.name = "QuerySyntaxError";
  }
}

export function sortDiagnostics(list: Diagnostic[]): Diagnostic[] {
  return list.sort((a, b) => a.from - b.from || a.to - b.to || (a.severity === b.severity ? 0 : a.severity === "error" ? -1 : 1));
}
