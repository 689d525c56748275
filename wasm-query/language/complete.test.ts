import { describe, expect, it } from "vitest";
import { complete, type CompleteOptions, type Suggestion } from "./complete.ts";

const provider: CompleteOptions["provider"] = {
  attributeKeys: ({ scope }) => (scope === "record" ? ["http.route", "x-request-id", "tenant"] : ["team"]),
  fieldValues: ({ field, prefix }) => (field === "service.name" ? ["api", "web", "worker"].filter((v) => v.startsWith(prefix)) : []),
};

/** Complete at `¦` (or the end). */
async function at(text: string, opts: CompleteOptions = {}): Promise<Suggestion[]> {
  const cursor = text.includes("¦") ? text.indexOf("¦") : text.length;
  return complete(text.replace("¦", ""), cursor, { provider, vars: { svc: "api", region: "eu" }, ...opts });
}
const labels = (s: Suggestion[]) => s.map((x) => x.label);

describe("complete", () => {
  it("offers sources and fields at the start", async () => {
    const s = await at("");
    expect(labels(s).slice(0, 3)).toEqual(["logs", "spans", "metrics"]);
    expect(s.every((x) => x.from === 0 && x.to === 0)).toBe(true);
  });

  it("offers operators after a pipe, filtered by what is typed", async () => {
    expect(labels(await at("logs | "))).toContain("summarize");
    const s = await at("logs | su");
    expect(s).toEqual([{ label: "summarize", insertText: "summarize ", kind: "operator", from: 7, to: 9 }]);
    expect((await at("logs | so"))[0].insertText).toBe("sort by ");
  });

  it("offers fields of the source, in OpenTelemetry spelling", async () => {
    const s = await at("spans | where serv");
    expect(labels(s)).toEqual(expect.arrayContaining(["service.name", "service.version", "service"]));
    expect(s[0]).toMatchObject({ from: 14, to: 18, kind: "field" });
    expect(labels(await at("spans | where dur"))).toEqual(["duration_ns", "duration"]);
  });

  it("offers attribute keys from the provider, bracketing odd ones", async () => {
    const s = await at("logs | where attributes.");
    expect(s.map((x) => x.insertText)).toEqual(["attributes.http.route", "attributes['x-request-id']", "attributes.tenant"]);
    expect(s[0]).toMatchObject({ from: 13, to: 24 });
    expect(labels(await at("logs | where resource."))).toEqual(["resource.team"]);
  });

  it("offers comparison and word operators after a field", async () => {
    const s = labels(await at("logs | where body "));
    expect(s).toEqual(expect.arrayContaining(["==", "contains", "has", "in", "between", "and"]));
    expect(labels(await at("logs | where body con"))).toEqual(["contains", "contains_cs"]);
  });

  it("offers values seen for the field, quoted, and variables", async () => {
    const s = await at("logs | where service.name == ");
    expect(s.filter((x) => x.kind === "value").map((x) => x.insertText)).toEqual(['"api"', '"web"', '"worker"']);
    expect(labels(s)).toEqual(expect.arrayContaining(["$svc", "$region"]));
    const typed = await at('logs | where service.name == "w');
    expect(typed.map((x) => [x.insertText, x.from, x.to])).toEqual([['"web"', 29, 31], ['"worker"', 29, 31]]);
    expect(labels(await at("logs | where service.name in ("))).toContain("api");
  });

  it("offers variables after $", async () => {
    expect(await at("logs | where body == $")).toEqual([
      { label: "$svc", insertText: "$svc", kind: "variable", from: 21, to: 22 },
      { label: "$region", insertText: "$region", kind: "variable", from: 21, to: 22 },
    ]);
    expect(labels(await at("logs | where body == $re"))).toEqual(["$region"]);
  });

  it("offers aggregations with signatures in summarize, then by", async () => {
    const s = await at("logs | summarize ");
    expect(s[0]).toMatchObject({ label: "count", insertText: "count(", kind: "aggregation" });
    expect(s.find((x) => x.label === "percentile")?.detail).toContain("percentile(expr, n)");
    expect(labels(await at("logs | summarize count() "))).toEqual(["by"]);
    const by = labels(await at("logs | summarize count() by "));
    expect(by).toContain("service.name");
    expect(by).not.toContain("count");
    expect(labels(await at("logs | summarize count() by bin"))).toEqual(["bin", "bin_auto"]);
  });

  it("offers scalar functions, not aggregations, in where", async () => {
    const s = labels(await at("logs | where is"));
    expect(s).toEqual(expect.arrayContaining(["isnull", "isnotnull", "isempty", "isnotempty"]));
    expect(labels(await at("logs | where cou"))).not.toContain("count");
  });

  it("follows the columns through summarize and extend", async () => {
    expect(labels(await at("spans | summarize n = count() by service.name | where "))).toEqual(expect.arrayContaining(["service_name", "n"]));
    expect(labels(await at("logs | extend ms = 1 | where m"))).toEqual(expect.arrayContaining(["ms", "message"]));
  });

  it("offers sort keywords", async () => {
    expect(labels(await at("logs | sort "))).toEqual(["by"]);
    expect(labels(await at("logs | sort by timestamp "))).toEqual(["asc", "desc", "nulls first", "nulls last"]);
  });

  it("completes in the middle of a query", async () => {
    const s = await at("logs | where se¦ == 1 | take 5");
    expect(s[0]).toMatchObject({ from: 13, to: 15 });
  });

  it("works without a provider and on broken text", async () => {
    expect(await complete('logs | where (((( "', 19)).toEqual([]);
    expect(labels(await complete("logs | where attributes.", 24))).toEqual([]);
    await expect(complete("logs | where `bad", 17)).resolves.toBeInstanceOf(Array);
  });
});
