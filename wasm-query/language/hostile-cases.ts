import type { VarValue } from "./model.ts";

/**
 * Hostile queries. Each either fails with a positioned error, or compiles to SQL made only
 * of the compiler's vocabulary, with the hostile text carried verbatim in a parameter.
 * Shared by hostile.test.ts and the DuckDB run (duckdb.test.ts), which executes the safe
 * ones on both engines.
 */
export interface HostileCase {
  name: string;
  query: string;
  vars?: Record<string, VarValue>;
  outcome: "error" | "safe";
  /** Texts that must appear, unchanged, as parameters. */
  verbatim?: string[];
  /** For errors: the error class. */
  code?: "syntax" | "semantic" | "limit";
}

const q = (s: string) => JSON.stringify(s);

export const HOSTILE: HostileCase[] = [
  // ---- injection through string literals: becomes a parameter, verbatim
  { name: "quote and statement break", query: `logs | where body == ${q("x'; DROP TABLE logs; --")}`, outcome: "safe", verbatim: ["x'; DROP TABLE logs; --"] },
  { name: "COPY in a contains", query: `logs | where body contains ${q(`"); COPY logs TO '/tmp/x'; --`)}`, outcome: "safe", verbatim: [`"); COPY logs TO '/tmp/x'; --`] },
  { name: "table function in a string", query: `logs | where service.name == ${q("read_parquet('/etc/passwd')")}`, outcome: "safe", verbatim: ["read_parquet('/etc/passwd')"] },
  { name: "UNION through has", query: `logs | where body has ${q("x' UNION SELECT * FROM read_csv('/etc/passwd') --")}`, outcome: "safe" },
  { name: "comment markers", query: `logs | where body startswith "/*" and body endswith "*/"`, outcome: "safe", verbatim: ["/*", "*/"] },
  { name: "NUL character", query: `logs | where body == "a\\u0000b"`, outcome: "safe", verbatim: ["a\u0000b"] },
  { name: "emoji and ATTACH", query: `logs | where body == ${q("😀'; ATTACH 'x.db' AS x; --")}`, outcome: "safe", verbatim: ["😀'; ATTACH 'x.db' AS x; --"] },
  { name: "INSTALL/LOAD in search", query: `search ${q("'; INSTALL httpfs; LOAD httpfs; --")}`, outcome: "safe", verbatim: ["'; INSTALL httpfs; LOAD httpfs; --"] },
  { name: "regex with quotes", query: `logs | where body matches regex ${q("(?i)' OR '1'='1")}`, outcome: "safe", verbatim: ["(?i)' OR '1'='1"] },
  { name: "map key injection", query: `logs | where attributes['x\\'] FROM read_csv(\\'/etc/passwd\\') --'] == "1"`, outcome: "safe", verbatim: ["x'] FROM read_csv('/etc/passwd') --"] },
  { name: "resource key injection", query: `logs | where resource[${q("k8s'); PRAGMA database_list; --")}] == "a"`, outcome: "safe", verbatim: ["k8s'); PRAGMA database_list; --"] },
  { name: "right-to-left override", query: `logs | where body == "\\u202e gnp.exe"`, outcome: "safe", verbatim: ["\u202e gnp.exe"] },
  { name: "SET in a verbatim string", query: `logs | where body == @"SET threads=1; SELECT getenv('HOME')"`, outcome: "safe", verbatim: ["SET threads=1; SELECT getenv('HOME')"] },
  { name: "dollar-quoted text", query: `logs | where body == "$$; DROP TABLE logs; $$"`, outcome: "safe", verbatim: ["$$; DROP TABLE logs; $$"] },
  { name: "backslashes", query: `logs | where body == "\\\\'; --"`, outcome: "safe", verbatim: ["\\'; --"] },
  { name: "extract with hostile regex", query: `logs | extend x = extract(${q("('.*); COPY (SELECT 1) TO 'x")}, 1, body)`, outcome: "safe", verbatim: ["('.*); COPY (SELECT 1) TO 'x"] },
  { name: "in-list strings", query: `logs | where service.name in ("a'", "b\\"", ";--")`, outcome: "safe", verbatim: ["a'", 'b"', ";--"] },
  // ---- injection through variables
  { name: "variable", query: "logs | where body == $evil", vars: { evil: "'; DROP TABLE logs; --" }, outcome: "safe", verbatim: ["'; DROP TABLE logs; --"] },
  { name: "list variable", query: "logs | where service.name in ($evils)", vars: { evils: ["a'); COPY logs TO 'x", "b"] }, outcome: "safe", verbatim: ["a'); COPY logs TO 'x", "b"] },
  { name: "variable as a timespan", query: "logs | where timestamp > ago($d)", vars: { d: "1h; DROP TABLE logs" }, outcome: "error", code: "semantic" },
  { name: "unknown variable", query: "logs | where body == $missing", outcome: "error", code: "semantic" },
  // ---- identifiers, functions and statements: rejected
  { name: "string as a column", query: `logs | where "body" == 1`, outcome: "error", code: "semantic" },
  { name: "read_csv as a function", query: "logs | where read_csv('/etc/passwd') == 1", outcome: "error", code: "semantic" },
  { name: "read_parquet in extend", query: `logs | extend x = read_parquet("s3://bucket/x")`, outcome: "error", code: "semantic" },
  { name: "getenv", query: `logs | where getenv("HOME") == "x"`, outcome: "error", code: "semantic" },
  { name: "system()", query: `logs | project system("rm -rf /")`, outcome: "error", code: "semantic" },
  { name: "whole query is a table function", query: "read_csv('/etc/passwd')", outcome: "error", code: "semantic" },
  { name: "pragma function", query: "logs | where pragma_version() == 1", outcome: "error", code: "semantic" },
  { name: "current_setting", query: "logs | extend s = current_setting('threads')", outcome: "error", code: "semantic" },
  { name: "COPY as an operator", query: "logs | where body == \"x\" | COPY logs TO '/tmp/x'", outcome: "error", code: "syntax" },
  { name: "SET as an operator", query: "logs | set threads = 1", outcome: "error", code: "syntax" },
  { name: "ATTACH as a source", query: "attach | take 1", outcome: "error", code: "semantic" },
  { name: "information_schema", query: "information_schema.tables | take 1", outcome: "error", code: "semantic" },
  { name: "duckdb_settings()", query: "logs | extend s = duckdb_settings()", outcome: "error", code: "semantic" },
  { name: "semicolon", query: `logs | where body == "x"; DROP TABLE logs`, outcome: "error", code: "syntax" },
  { name: "take then statement", query: "logs | take 1; SELECT 1", outcome: "error", code: "syntax" },
  { name: "OFFSET after take", query: "logs | take 10 OFFSET 5", outcome: "error", code: "syntax" },
  { name: "SQL comment", query: `logs | where body == "x" -- or 1 == 1`, outcome: "error", code: "syntax" },
  { name: "block comment", query: `logs | where body == "x" /* c */`, outcome: "error", code: "syntax" },
  { name: "backticks", query: "logs | where `body` == \"x\"", outcome: "error", code: "syntax" },
  { name: "bracket name with a quote", query: `logs | where ["body\\" OR 1=1 --"] == "x"`, outcome: "error", code: "semantic" },
  { name: "alias with a quote", query: `logs | extend ["x\\" FROM secrets --"] = 1`, outcome: "error", code: "semantic" },
  { name: "alias with a semicolon", query: `logs | summarize count() by ["a;b"] = service.name`, outcome: "error", code: "semantic" },
  { name: "keyword as alias", query: "logs | extend DROP = 1, SELECT = 2", outcome: "safe" },
  { name: "unbalanced parenthesis", query: "logs | where true) OR (1=1", outcome: "error", code: "syntax" },
  { name: "project scope column", query: `logs | where project_id != "other"`, outcome: "error", code: "semantic" },
  // ---- unicode lookalikes and invisible characters
  { name: "Greek omicron in a name", query: 'logs | where bοdy == "x"', outcome: "error", code: "syntax" },
  { name: "zero-width space", query: 'logs |\u200b where body == "x"', outcome: "error", code: "syntax" },
  { name: "fullwidth semicolon", query: 'logs | where body == "x"\uff1b', outcome: "error", code: "syntax" },
  { name: "non-breaking space", query: "logs\u00a0| take 1", outcome: "error", code: "syntax" },
  // ---- size and depth
  { name: "token flood", query: "logs | where " + "a or ".repeat(5000) + "a", outcome: "error", code: "limit" },
  { name: "deep parentheses", query: "logs | where " + "(".repeat(1000) + "true" + ")".repeat(1000), outcome: "error", code: "syntax" },
  { name: "deep not()", query: "logs | where " + "not(".repeat(300) + "true" + ")".repeat(300), outcome: "error", code: "syntax" },
  { name: "huge text", query: `logs | where body == "${"x".repeat(70_000)}"`, outcome: "error", code: "limit" },
  { name: "huge number", query: "logs | where severity_number == 1e400", outcome: "error", code: "syntax" },
  // ---- attempts to widen the scan: the time range stays
  { name: "or true", query: `logs | where timestamp < datetime("1970-01-01") or true`, outcome: "safe" },
  { name: "timestamp way back", query: "logs | where timestamp > ago(100000d) | take 5", outcome: "safe" },
  { name: "project away the time", query: "logs | project-away timestamp | take 5", outcome: "safe" },
  { name: "zero-width bin", query: "metrics | summarize count() by bin(timestamp, 0s)", outcome: "error", code: "semantic" },
];
