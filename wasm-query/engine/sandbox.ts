/**
 * What user SQL may do inside the engine. Three layers, because DuckDB 0.9.1 has no
 * single switch for it:
 *
 * 1. Settings, fixed at open and locked (`lock_configuration`): no extension
 *    auto-install/auto-load, no spilling to a temp directory, a memory limit, one thread.
 *    `enable_external_access=false` is NOT used: in 0.9.1 it also disables
 *    `read_parquet` ("Permission Error: Scanning Parquet files is disabled through
 *    configuration"), even for registered files and for views created before it is set.
 *    (DuckDB ≥ 1.1 has `allowed_directories` for this; 0.9.1 does not.)
 * 2. The file system (runtime.ts): only the files registered for the running query can
 *    be opened, read-only; every other path, any write, any directory operation fails.
 *    No network code exists (no XHR in workerd, and our runtime has no http/s3 path).
 * 3. One read-only statement (this file): the statement is tokenised by DuckDB's own
 *    tokenizer and must be a single SELECT/WITH/FROM query with no DDL/DML/utility
 *    keyword; it then runs as a prepared statement (which rejects several statements).
 *    This keeps the shared in-memory catalog empty, so nothing one query creates can be
 *    seen by the next (possibly another project's). Its text and parameters are capped
 *    in size, because DuckDB-WASM copies both onto the wasm stack (see MAX_SQL_BYTES).
 */
import type { DuckDBBindingsLike } from "./duckdb-lib";

export interface EngineSettings {
  /** WebAssembly memory the engine may grow to (the heap never shrinks). */
  memoryBudgetBytes: number;
  /** DuckDB `memory_limit` (its buffer manager), below the budget. */
  duckdbMemoryLimitBytes: number;
}

/** Run once, in order, right after the database opens. */
export function lockdownStatements(settings: EngineSettings): string[] {
  return [
    `SET memory_limit='${Math.floor(settings.duckdbMemoryLimitBytes / 1024)}KB'`,
    "SET threads=1",
    "SET autoinstall_known_extensions=false",
    "SET autoload_known_extensions=false",
    // No spilling: a query over the limit fails with an Out of Memory error instead of
    // trying to write temp files (which the runtime would refuse anyway).
    "SET temp_directory=''",
    "SET preserve_insertion_order=false",
    "SET enable_object_cache=false",
    "SET lock_configuration=true",
  ];
}

export class SandboxError extends Error {
  readonly code = "forbidden_statement";
}

/**
 * Bytes of SQL text, and of its parameters as JSON, one statement may carry. DuckDB-WASM
 * copies both onto the wasm stack for the length of the call (ccall "string" arguments),
 * unchecked: past the stack they silently overwrite the instance's memory, which then
 * fails every later query (measured with the stock 64 KiB stack: 66 KB of SQL, or a
 * language `search` for a long phrase, which repeats it as a parameter per searched
 * column). The stack is 2 MiB now (duckdb-worker.ts); these caps keep text and
 * parameters well inside it. A compiled pipeline query is a few KB.
 */
export const MAX_SQL_BYTES = 256 * 1024;
export const MAX_PARAMS_BYTES = 256 * 1024;

/** Statements may start with these keywords (or `(`). */
const LEADING = new Set(["select", "with", "from", "values"]);

/** Keywords that change state or reach outside the query; refused anywhere in the text. */
const FORBIDDEN = new Set([
  "alter", "analyze", "attach", "begin", "call", "checkpoint", "commit", "copy", "create", "deallocate", "delete",
  "detach", "drop", "execute", "export", "import", "insert", "install", "load", "pragma", "prepare", "reset",
  "rollback", "set", "truncate", "update", "use", "vacuum",
]);

const enum Tok {
  Identifier = 0,
  Numeric = 1,
  String = 2,
  Operator = 3,
  Keyword = 4,
  Comment = 5,
}

/** Throws SandboxError unless `sql` is a single read-only query that fits the size caps. */
export function assertReadOnlyQuery(bindings: DuckDBBindingsLike, sql: string, params: readonly unknown[] = []): void {
  assertFits("SQL text", sql, MAX_SQL_BYTES);
  // What runPrepared passes: JSON.stringify of the parameter list.
  assertFits("parameters", JSON.stringify(params), MAX_PARAMS_BYTES);
  const { offsets, types } = bindings.tokenize(sql);
  const tokens: { type: number; text: string; at: number }[] = [];
  for (let i = 0; i < offsets.length; i++) {
    if (types[i] === Tok.Comment) continue;
    tokens.push({ type: types[i], text: sql.slice(offsets[i], offsets[i + 1] ?? sql.length).trim(), at: offsets[i] });
  }
  if (tokens.length === 0) throw new SandboxError("empty query");
  const first = tokens[0];
  const firstWord = first.text.match(/^[A-Za-z_]+/)?.[0].toLowerCase();
  if (!(first.text.startsWith("(") || (first.type === Tok.Keyword && firstWord && LEADING.has(firstWord)))) {
    throw new SandboxError(`only SELECT queries may run (found "${first.text.slice(0, 20)}" at ${first.at})`);
  }
  tokens.forEach((t, i) => {
    if (t.type === Tok.Keyword) {
      const word = t.text.match(/^[A-Za-z_]+/)?.[0].toLowerCase();
      if (word && FORBIDDEN.has(word)) throw new SandboxError(`"${word.toUpperCase()}" is not allowed in a query (at ${t.at})`);
    }
    if (t.type === Tok.Operator && t.text.includes(";") && i !== tokens.length - 1) {
      throw new SandboxError(`only one statement may run (";" at ${t.at})`);
    }
  });
}

function assertFits(what: string, text: string, max: number): void {
  // UTF-8 is never shorter than UTF-16, so only a text that may fit is encoded.
  if (text.length > max || new TextEncoder().encode(text).length > max) {
    throw new SandboxError(`the query is too large (${what} over ${max} bytes)`);
  }
}
