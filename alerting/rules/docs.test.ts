import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { validate } from "../../wasm-query/language/index";
import { parseRuleSpec } from "./validate";

/** The rules, conditions and queries shown in docs/alerting.md must be accepted as written. */
const doc = readFileSync(fileURLToPath(new URL("../../docs/alerting.md", import.meta.url).href), "utf8");
const blocks = (lang: string) => [...doc.matchAll(new RegExp("```" + lang + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1].trim());
const json = blocks("json")
  .map((text) => {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return null; // a response excerpt with "…"
    }
  })
  .filter((x): x is Record<string, unknown> => x !== null);

const base = { name: "doc", query: "logs | summarize n = count() by service.name" };

describe("docs/alerting.md", () => {
  it("has a full rule and an example of each condition", () => {
    expect(json.filter((j) => "query" in j).length).toBeGreaterThan(0);
    expect(json.filter((j) => "kind" in j).map((j) => j.kind).sort()).toEqual(["anomaly", "change", "nodata", "threshold"]);
  });

  it.each(json.filter((j) => "query" in j).map((j) => [j.name, j]))("rule %s is valid", (_, rule) => {
    expect(parseRuleSpec(rule as Record<string, unknown>).errors).toEqual([]);
  });

  it.each(json.filter((j) => "kind" in j).map((j) => [j.kind, j]))("%s condition is valid", (_, condition) => {
    expect(parseRuleSpec({ ...base, condition }).errors).toEqual([]);
  });

  it.each(blocks("kusto"))("%s", (q) => {
    expect(validate(q)).toEqual([]);
  });
});
