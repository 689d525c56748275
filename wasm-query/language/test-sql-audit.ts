/**
 * Test support: proves generated SQL is made only of the compiler's own vocabulary. After
 * removing the caller's relation and the quoted (whitelisted) identifiers, every word
 * must be a keyword or function the compiler writes itself, and every number one of
 * its fixed constants — so no user text can have become SQL.
 */
const WORDS = [
  // keywords
  "select", "distinct", "from", "where", "and", "or", "not", "as", "group", "by", "order", "limit", "asc", "desc", "nulls",
  "first", "last", "cast", "try_cast", "in", "is", "null", "between", "case", "when", "then", "else", "end", "filter",
  "exclude", "replace", "true", "false",
  // types
  "bigint", "double", "boolean", "timestamp", "varchar", "integer",
  // functions written by compile-expr.ts / compile-sql.ts
  "make_timestamp", "to_microseconds", "time_bucket", "element_at", "contains", "lower", "upper", "starts_with", "suffix",
  "regexp_matches", "regexp_extract", "regexp_split_to_array", "list_contains", "concat", "count", "sum", "avg", "min",
  "max", "median", "stddev_samp", "var_samp", "quantile_cont", "epoch_us", "floor", "trunc", "round", "abs", "length",
  "substring", "nullif", "cardinality", "len", "coalesce",
];
export const SQL_VOCABULARY = new Set(WORDS);

/** Things that must never appear in generated SQL outside parameters. */
export const FORBIDDEN = [
  "read_csv", "read_csv_auto", "read_parquet", "read_json", "read_text", "read_blob", "glob", "copy", "attach", "detach",
  "install", "load", "pragma", "set", "reset", "getenv", "current_setting", "export", "import", "create", "drop", "insert",
  "update", "delete", "call", "union", "system", "http", "s3", "duckdb_settings", "duckdb_extensions",
];

export function auditSql(sql: string, relation?: string): string[] {
  const problems: string[] = [];
  let rest = relation ? sql.split(relation).join(" ") : sql;
  rest = rest.replace(/"[A-Za-z_][A-Za-z0-9_]*"/g, " ");
  // GROUP BY ordinals are the compiler's own numbers.
  rest = rest.replace(/GROUP BY \d+(, \d+)*/g, "GROUP BY");
  for (const bad of ['"', "'", ";", "--", "/*", "*/", "`", "$", "\\"]) if (rest.includes(bad)) problems.push(`contains ${bad}`);
  for (const word of rest.match(/[A-Za-z_][A-Za-z0-9_]*/g) ?? []) {
    const w = word.toLowerCase();
    if (FORBIDDEN.includes(w)) problems.push(`forbidden word ${word}`);
    else if (!SQL_VOCABULARY.has(w) && !/^q\d+$/.test(w)) problems.push(`unknown word ${word}`);
  }
  for (const num of rest.match(/\b\d+(\.\d+)?\b/g) ?? []) {
    if (!["0", "1", "1000"].includes(num) && !/^q\d+$/.test(num)) problems.push(`number ${num}`);
  }
  return problems;
}
