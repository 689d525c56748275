import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { schemaTables } from "../scripts/schema-doc";
import { SCHEMA_VERSION, TABLES, promotedAttributes } from "./schema";

describe("published schema", () => {
  it("docs/schema.md carries the tables generated from core/schema.ts", () => {
    const doc = readFileSync(fileURLToPath(String(new URL("../docs/schema.md", import.meta.url))), "utf8");
    expect(doc).toContain(`# Storage schema (version ${SCHEMA_VERSION})`);
    expect(doc).toContain(schemaTables());
  });
  it("has unique column names per table", () => {
    for (const cols of Object.values(TABLES)) expect(new Set(cols.map((c) => c.name)).size).toBe(cols.length);
  });
  it("maps each promoted attribute key to exactly one column", () => {
    const spans = promotedAttributes("spans", "record");
    expect(spans.get("http.status_code")?.name).toBe("http_response_status_code");
    expect(spans.get("db.statement")?.name).toBe("db_query_text");
    expect(promotedAttributes("logs", "resource").get("service.name")?.name).toBe("service_name");
  });
});
