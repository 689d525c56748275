/**
 * The only ways text gets into SQL: identifiers that passed the schema whitelist (and a
 * strict pattern, checked again here), and parameters. A parameter is written as a
 * marker while the SQL is assembled out of order (GROUP BY after SELECT, subqueries
 * wrapped later); `finalizeParams` turns markers into `?` in textual order.
 */
export type SqlParam = string | number | boolean | null;

const IDENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function quoteIdent(name: string): string {
  if (!IDENT.test(name)) throw new Error(`internal: identifier not allowed in SQL: ${JSON.stringify(name)}`);
  return `"${name}"`;
}

export class ParamSink {
  readonly values: SqlParam[] = [];

  /** A marker standing for `value`; write it where the `?` goes. */
  add(value: SqlParam): string {
    this.values.push(value);
    return `\u0001${this.values.length - 1}\u0002`;
  }
}

export function finalizeParams(sqlWithMarkers: string, sink: ParamSink): { sql: string; params: SqlParam[] } {
  const params: SqlParam[] = [];
  const sql = sqlWithMarkers.replace(/\u0001(\d+)\u0002/g, (_, i: string) => {
    params.push(sink.values[Number(i)]);
    return "?";
  });
  if (/[\u0001\u0002]/.test(sql)) throw new Error("internal: stray parameter marker");
  return { sql, params };
}
