/**
 * Query text inside a dashboard, checked with the query language's own checker. Variable
 * values are only known when the dashboard runs, so each `$name` is bound to a sample of
 * the shape its variable will have (a list for multi-select / All, a timespan for
 * intervals): `==` on a list, or an undeclared `$name`, is caught at save time.
 */
import { lex, TokenKind, validate, type VarValue } from "../../wasm-query/language/index";
import type { Variable } from "./spec";
import { Checker, LIMITS } from "./spec-checker";

/** A value of the shape each variable will have at run time, for checking queries. */
export function sampleValues(variables: Variable[]): Record<string, VarValue> {
  const out: Record<string, VarValue> = {};
  for (const v of variables) {
    switch (v.kind) {
      case "query":
      case "custom": {
        const first = v.kind === "custom" ? (v.values[0] ?? "") : "value";
        // "All" sends every value as a list, so a variable offering All is a list too.
        out[v.name] = v.multi || v.includeAll ? [first] : first;
        break;
      }
      case "constant":
        out[v.name] = v.value;
        break;
      case "interval":
        out[v.name] = v.values[0] ?? "1m";
        break;
      case "text":
        out[v.name] = v.default ?? "";
        break;
    }
  }
  return out;
}

/**
 * Query text with its variables bound to samples. A text box's value is free text, so
 * problems at a text variable's own position (e.g. "not a datetime") are left to run time.
 */
export function checkQueryText(c: Checker, value: unknown, path: string, samples: Record<string, VarValue>, textVars: Set<string>): string | undefined {
  const query = c.string(value, path, { min: 1, max: LIMITS.queryLength });
  if (query === undefined) return undefined;
  const textRanges = new Set<string>();
  try {
    for (const t of lex(query)) {
      if (t.kind === TokenKind.Variable && textVars.has(t.value)) textRanges.add(`${t.from}:${t.to}`);
    }
  } catch {
    // A lexing error is reported by validate below, with its position.
  }
  let failed = false;
  for (const d of validate(query, { vars: samples })) {
    if (d.severity !== "error" || textRanges.has(`${d.from}:${d.to}`)) continue;
    failed = true;
    c.fail(path, d.message.replace(/unknown variable \$(\w+)/, "unknown variable $$$1: declare it in the dashboard's variables"), { from: d.from, to: d.to });
  }
  return failed ? undefined : query;
}

/** Names of the `$variables` a query uses (none when it does not lex). */
export function referencedVariables(query: string): string[] {
  try {
    return [...new Set(lex(query).filter((t) => t.kind === TokenKind.Variable).map((t) => t.value))];
  } catch {
    return [];
  }
}
