/**
 * Which result columns of a rule's query are its groups: the `by` columns of its last
 * `summarize` (so a second aggregate such as `calls` beside `p95_ms` is not mistaken for a
 * label and does not make a new alert each time it changes). Null when the query has no
 * summarize (then every non-numeric, non-time column is a group) or cannot be analysed.
 */
import { analyze, type SummarizeOp } from "../../wasm-query/language/index";

export function groupColumns(query: string): Set<string> | null {
  let model;
  try {
    model = analyze(query, { vars: {} }).model;
  } catch {
    return null;
  }
  const summarize = [...model.ops].reverse().find((op): op is SummarizeOp => op.kind === "Summarize");
  if (!summarize) return null;
  return new Set(summarize.by.flatMap((item) => model.names.get(item) ?? []));
}
