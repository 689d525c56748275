import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { FUNCTIONS } from "./functions.ts";
import { F, T } from "./golden-options.ts";
import { compile, validate } from "./index.ts";
import { auditSql } from "./test-sql-audit.ts";

/** Every ```kusto example in docs/query-language.md (and every function example) must compile. */
const doc = readFileSync(fileURLToPath(new URL("../../docs/query-language.md", import.meta.url).href), "utf8");
const examples = [...doc.matchAll(/```kusto\n([\s\S]*?)```/g)].flatMap((m) => m[1].split(/\n\s*\n/).map((q) => q.trim()).filter(Boolean));
const vars = { service: "api", services: ["api", "web"], since: "2026-01-01T00:00:00Z", limit: 10, interval: "5m", window: "1h" };

describe("docs/query-language.md", () => {
  it("has examples", () => {
    expect(examples.length).toBeGreaterThan(60);
  });

  it.each(examples)("%s", (q) => {
    expect(validate(q, { vars })).toEqual([]);
    const c = compile(q, { timeRange: { fromUs: F, toUs: T }, nowUs: T, vars });
    expect(auditSql(c.sql)).toEqual([]);
  });

  it.each(FUNCTIONS.map((f) => [f.name, f.example]))("example of %s compiles", (name, example) => {
    expect(validate(example, { vars })).toEqual([]);
    expect(doc).toContain(name);
  });
});
