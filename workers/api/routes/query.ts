/**
 * The query API: run, validate, complete and explain queries in the pipeline language
 * (docs/query-language.md) over the caller's project. Bad input is a 4xx naming what is
 * wrong and, for query text, where: `{ error, code, range: { from, to, line, column } }`.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { EngineError, type EngineErrorCode } from "../../../wasm-query/engine/engine";
import { complete, QueryError, validate, type VarValue } from "../../../wasm-query/language/index";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { browserPlan, explainQuery, runQuery, runQueryArrow, type QueryRequest } from "../../query/service";
import { dataProvider } from "../../query/suggestions";
import { TimeRangeError } from "../../query/time-range";
import { readJsonObject } from "../json-body";

type Ctx = Context<{ Bindings: AppEnv; Variables: Vars }>;

export const queryRoutes = new Hono<{ Bindings: AppEnv; Variables: Vars }>();

/** Query requests are small; anything bigger is a mistake or an attack. */
const MAX_REQUEST_BYTES = 256 * 1024;
const ARROW_STREAM = "application/vnd.apache.arrow.stream";

const readJson = (c: Ctx) => readJsonObject(c, MAX_REQUEST_BYTES);

function queryText(body: Record<string, unknown>): string {
  if (typeof body.query !== "string") throw new HTTPException(400, { message: "'query' must be a string" });
  return body.query;
}

function vars(body: Record<string, unknown>): Record<string, VarValue> {
  const v = body.vars;
  if (v === undefined) return {};
  if (typeof v !== "object" || v === null || Array.isArray(v)) throw new HTTPException(400, { message: "'vars' must be an object of name → value" });
  for (const [name, value] of Object.entries(v)) {
    const ok = (x: unknown) => typeof x === "string" || typeof x === "number" || typeof x === "boolean";
    if (!(ok(value) || value === null || (Array.isArray(value) && value.every(ok)))) {
      throw new HTTPException(400, { message: `variable '${name}' must be a string, number, boolean, null or a list of those` });
    }
  }
  return v as Record<string, VarValue>;
}

function request(body: Record<string, unknown>): QueryRequest {
  const maxRows = body.max_rows;
  if (maxRows !== undefined && !(typeof maxRows === "number" && Number.isInteger(maxRows) && maxRows >= 0)) {
    throw new HTTPException(400, { message: "'max_rows' must be a non-negative integer" });
  }
  return { query: queryText(body), from: body.from, to: body.to, vars: vars(body), maxRows: maxRows as number | undefined };
}

const ENGINE_STATUS: Record<EngineErrorCode, 400 | 408 | 422 | 500 | 503> = {
  forbidden_statement: 400,
  query_error: 400,
  timeout: 408,
  over_budget: 422,
  out_of_memory: 422,
  file_not_found: 503,
  too_many_refetches: 500,
};

/** Query, time-range and engine errors → their JSON answers; anything else is rethrown. */
function queryErrorResponse(c: Ctx, err: unknown): Response {
  if (err instanceof QueryError) {
    return c.json(
      {
        error: err.message,
        code: err.code,
        range: { from: err.from, to: err.to, line: err.line, column: err.column },
        diagnostics: err.diagnostics,
      },
      400,
    );
  }
  if (err instanceof TimeRangeError) return c.json({ error: err.message, code: "time_range" }, 400);
  if (err instanceof EngineError) {
    const status = ENGINE_STATUS[err.code];
    if (status >= 500) console.error(err);
    // DuckDB's own messages are useful ("Conversion Error: …") and hold no secrets: the
    // engine sees only this project's files under names it made up.
    return c.json({ error: err.message, code: err.code }, status);
  }
  throw err;
}

/** A file retired by compaction between listing and reading: list again, once. */
async function withRelist<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    if (err instanceof EngineError && err.code === "file_not_found") return run();
    throw err;
  }
}

queryRoutes.post("/api/v1/query", requireScope("read"), async (c) => {
  const req = request(await readJson(c));
  try {
    if ((c.req.header("accept") ?? "").includes(ARROW_STREAM)) {
      const { ipc, stats } = await withRelist(() => runQueryArrow(c.env, c.get("projectId"), req));
      return new Response(ipc, { headers: { "content-type": ARROW_STREAM, "x-query-stats": JSON.stringify({ ...stats, sql: undefined }) } });
    }
    return c.json(await withRelist(() => runQuery(c.env, c.get("projectId"), req)));
  } catch (err) {
    return queryErrorResponse(c, err);
  }
});

queryRoutes.post("/api/v1/query/explain", requireScope("read"), async (c) => {
  const req = request(await readJson(c));
  try {
    return c.json(await explainQuery(c.env, c.get("projectId"), req));
  } catch (err) {
    return queryErrorResponse(c, err);
  }
});

/** The compiled SQL and the files to read, for DuckDB-WASM running in the user's browser. */
queryRoutes.post("/api/v1/query/plan", requireScope("read"), async (c) => {
  const req = request(await readJson(c));
  try {
    return c.json(await browserPlan(c.env, c.get("projectId"), req));
  } catch (err) {
    return queryErrorResponse(c, err);
  }
});

queryRoutes.post("/api/v1/query/validate", requireScope("read"), async (c) => {
  const body = await readJson(c);
  const diagnostics = validate(queryText(body), { vars: vars(body) });
  return c.json({ valid: !diagnostics.some((d) => d.severity === "error"), diagnostics });
});

queryRoutes.post("/api/v1/query/complete", requireScope("read"), async (c) => {
  const body = await readJson(c);
  const query = queryText(body);
  const cursor = body.cursor ?? query.length;
  if (typeof cursor !== "number" || !Number.isInteger(cursor) || cursor < 0 || cursor > query.length) {
    throw new HTTPException(400, { message: `'cursor' must be an offset from 0 to ${query.length}` });
  }
  const suggestions = await complete(query, cursor, { provider: dataProvider(c.env, c.get("projectId")), vars: vars(body) });
  return c.json({ suggestions });
});
