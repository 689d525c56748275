import { describe, expect, it } from "vitest";
import { CheckValidationError, failingRegionsNeeded, parseCheck, toInput } from "./definition";

function problems(input: unknown): string[] {
  try {
    parseCheck(input);
  } catch (e) {
    if (e instanceof CheckValidationError) return e.problems.map((p) => `${p.path}: ${p.message}`);
    throw e;
  }
  return [];
}

describe("parseCheck", () => {
  it("fills in defaults for a minimal HTTP check", () => {
    const def = parseCheck({ name: " home ", request: { url: "https://example.com/" } });
    expect(def).toMatchObject({
      name: "home",
      type: "http",
      enabled: true,
      intervalMinutes: 5,
      regions: ["wnam", "weur"],
      sslExpiryDays: 14,
      incident: { minFailingRegions: 2, consecutiveRuns: 2 },
    });
    expect(def.steps).toEqual([
      {
        name: "request",
        request: { method: "GET", url: "https://example.com/", headers: {}, body: null, timeoutMs: 10_000, followRedirects: true, maxRedirects: 5 },
        expectedStatus: ["2xx"],
        assertions: [],
        extract: [],
      },
    ]);
  });

  it("collects every problem with its field path", () => {
    expect(
      problems({
        name: "",
        intervalMinutes: 7,
        regions: ["weur", "mars", "weur"],
        request: { url: "ftp://x", method: "FETCH", timeoutMs: 99_000 },
        expectedStatus: [200, "6xx"],
        assertions: [{ type: "json", operator: "eq", value: 1 }, { type: "body", operator: "matches", value: "(" }],
        color: "red",
      }),
    ).toEqual([
      "color: unknown field (allowed: name, type, enabled, intervalMinutes, regions, sslExpiryDays, incident, tags, request, expectedStatus, assertions)",
      "name: required",
      "intervalMinutes: must be one of 1, 5, 10, 15, 30, 60 (got 7)",
      'regions[1]: must be one of wnam, enam, sam, weur, eeur, apac, oc, afr, me (got "mars")',
      "regions: lists a region twice",
      "request.url: must start with http:// or https:// (or a {{variable}})",
      'request.method: must be one of GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS (got "FETCH")',
      "request.timeoutMs: must be an integer from 100 to 30000",
      'expectedStatus[1]: not a status or class like 200 or "2xx" (got "6xx")',
      "assertions[0].target: required: a JSON path like $.data.id",
      "assertions[1].value: not a valid regular expression: Invalid regular expression: /(/: Unterminated group",
    ]);
  });

  it("validates multistep steps and extractions", () => {
    expect(
      problems({
        name: "flow",
        type: "multistep",
        steps: [{ name: "login", request: { url: "https://api.example.com/login" }, extract: [{ name: "secrets", from: "json", path: "$.t" }, { name: "t", from: "json", path: "t" }] }, { request: { url: "{{base}}/me" } }],
      }),
    ).toEqual(["steps[0].extract[0].name: 'secrets' is reserved", "steps[0].extract[1].path: a JSON path starts with $", "steps[1].name: required"]);
    expect(problems({ name: "flow", type: "multistep" })).toEqual(["steps: required for a multistep check"]);
  });

  it("accepts templated URLs and heartbeats without regions", () => {
    expect(problems({ name: "t", request: { url: "https://{{secrets.HOST}}/x" } })).toEqual([]);
    const hb = parseCheck({ name: "nightly backup", type: "heartbeat", intervalMinutes: 60, graceMinutes: 30 });
    expect(hb).toMatchObject({ type: "heartbeat", regions: [], steps: [], graceMinutes: 30 });
    expect(problems({ name: "x", type: "heartbeat", request: { url: "https://x" } })[0]).toMatch(/^request: unknown field/);
  });

  it("never needs more failing regions than the check has", () => {
    expect(failingRegionsNeeded(parseCheck({ name: "a", regions: ["weur"], request: { url: "https://x.test" } }))).toBe(1);
    expect(failingRegionsNeeded(parseCheck({ name: "a", regions: ["weur", "enam", "apac"], request: { url: "https://x.test" } }))).toBe(2);
  });
});

describe("toInput", () => {
  it("round-trips every type through parseCheck", () => {
    const inputs = [
      { name: "h", request: { url: "https://x.test/a", method: "post", body: "{}" }, expectedStatus: [201, "2xx"], assertions: [{ type: "json", target: "$.id", operator: "exists" }], tags: { team: "web" } },
      { name: "m", type: "multistep", regions: ["apac"], steps: [{ name: "a", request: { url: "https://x.test" }, extract: [{ name: "t", from: "header", path: "x-token" }] }] },
      { name: "b", type: "heartbeat", intervalMinutes: 15, graceMinutes: 2 },
    ];
    for (const input of inputs) {
      const def = parseCheck(input);
      expect(parseCheck(toInput(def))).toEqual(def);
    }
  });
});
