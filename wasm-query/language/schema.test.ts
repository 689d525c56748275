import { describe, expect, it } from "vitest";
import { compile, validate } from "./index.ts";
import { createDefaultRegistry, defaultSources, resolveSourceField } from "./schema.ts";

const res = (source: string, path: string) => resolveSourceField(defaultSources.get(source)!, path.split("."));

describe("field resolution", () => {
  it("maps OpenTelemetry names to promoted columns", () => {
    for (const s of ["logs", "spans", "metrics"]) expect(res(s, "service.name")).toEqual({ kind: "column", column: "service_name", type: "string" });
    expect(res("spans", "http.response.status_code")).toEqual({ kind: "column", column: "http_response_status_code", type: "int" });
    expect(res("spans", "http.method")).toMatchObject({ column: "http_request_method" });
    expect(res("spans", "status_code")).toEqual({ kind: "column", column: "status_code", type: "string" });
  });

  it("maps attributes.* to a promoted column or a map key", () => {
    expect(res("logs", "attributes.http.route")).toMatchObject({ kind: "column", column: "http_route" });
    expect(res("logs", "attributes.http.status_code")).toMatchObject({ kind: "column", column: "http_response_status_code" });
    expect(res("logs", "attributes.tenant.id")).toEqual({ kind: "map", column: "attributes", key: "tenant.id", type: "dynamic" });
    expect(resolveSourceField(defaultSources.get("logs")!, ["attributes", "x-request-id"])).toMatchObject({ kind: "map", key: "x-request-id" });
    // A resource attribute under attributes.* is a record attribute: it stays in the map.
    expect(res("logs", "attributes.service.name")).toMatchObject({ kind: "map", key: "service.name" });
    // Metrics promote no record attributes.
    expect(res("metrics", "attributes.http.route")).toMatchObject({ kind: "map", column: "attributes", key: "http.route" });
  });

  it("maps resource.* to a promoted column or resource_attributes", () => {
    expect(res("logs", "resource.k8s.pod.name")).toMatchObject({ kind: "column", column: "k8s_pod_name" });
    expect(res("spans", "resource.service.name")).toMatchObject({ kind: "column", column: "service_name" });
    expect(res("spans", "resource.deployment.environment.name")).toMatchObject({ kind: "column", column: "deployment_environment" });
    expect(res("logs", "resource.team")).toEqual({ kind: "map", column: "resource_attributes", key: "team", type: "dynamic" });
  });

  it("knows the aliases", () => {
    expect(res("spans", "duration")).toEqual({ kind: "column", column: "duration_ns", type: "timespan" });
    expect(res("logs", "level")).toEqual({ kind: "column", column: "severity_text", type: "string", severity: true });
    expect(res("logs", "severity")).toMatchObject({ column: "severity_text", severity: true });
    expect(res("logs", "message")).toMatchObject({ column: "body" });
    expect(res("spans", "context.trace_id")).toMatchObject({ column: "trace_id" });
    expect(res("spans", "parent_id")).toMatchObject({ column: "parent_span_id" });
    expect(res("logs", "timestamp")).toMatchObject({ column: "timestamp", type: "datetime" });
  });

  it("returns undefined for unknown fields", () => {
    expect(res("logs", "nope")).toBeUndefined();
    expect(res("logs", "duration")).toBeUndefined();
    expect(res("metrics", "body")).toBeUndefined();
  });
});

describe("source registry", () => {
  const registry = createDefaultRegistry().register({
    name: "rum",
    aliases: ["browser"],
    timeColumn: "timestamp",
    doc: "Real-user monitoring events.",
    columns: [
      { name: "timestamp", type: "timestamp", doc: "Event time." },
      { name: "page_url", type: "string", otel: "url.full", doc: "Page URL." },
      { name: "lcp_ms", type: "float64", doc: "Largest contentful paint." },
      { name: "attributes", type: "map", doc: "Other attributes." },
    ],
  });

  it("adds sources that queries can name, by name or alias", () => {
    const c = compile('browser | where url.full startswith "https://" | summarize p75(lcp_ms)', {
      sources: registry,
      timeRange: { fromUs: 0, toUs: 1 },
    });
    expect(c.source).toBe("rum");
    expect(c.sql).toContain('FROM "rum"');
    expect(validate("rum | where body == 1", { sources: registry })[0].message).toContain("unknown field 'body' in rum");
  });

  it("uses a registered source as the default", () => {
    expect(compile("lcp_ms > 2500", { sources: registry, defaultSource: "rum", timeRange: { fromUs: 0, toUs: 1 } }).source).toBe("rum");
  });

  it("refuses column names that could not be identifiers", () => {
    expect(() => createDefaultRegistry().register({ name: "x", timeColumn: "timestamp", doc: "", columns: [
      { name: "timestamp", type: "timestamp", doc: "" },
      { name: 'bad"name', type: "string", doc: "" },
    ] })).toThrow(/column name not allowed/);
    expect(() => createDefaultRegistry().register({ name: "x", timeColumn: "ts", doc: "", columns: [] })).toThrow(/time column/);
  });
});
