import { describe, expect, it } from "vitest";
import { compile, validate } from "../../wasm-query/language";
import { GOLDEN_OPTIONS } from "../../wasm-query/language/golden-options";
import { BeaconError, parseBeacon } from "./beacon";
import { decodeRumRows, encodeRumRows } from "./rows";
import { parseUserAgent } from "./user-agent";
import { geoFromCf } from "./geo";
import { normalizeOrigin, OriginError } from "./settings";
import { validateReplayChunk, replayChunkKey } from "./replay";

const NOW = 1_764_000_000_000;
const SESSION = "0123456789abcdef0123456789abcdef";
const CHROME = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/140.0.0.0 Safari/537.36";
const IPHONE = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Mobile/15E148 Safari/604.1";
const ctx = { nowMs: NOW, ua: parseUserAgent(CHROME), geo: geoFromCf({ country: "PT", region: "Lisbon", colo: "LIS" }) };

const beacon = (events: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ v: 1, sent: NOW, service: "shop-web", version: "1.2.3", session: SESSION, user: { id: "u1", plan: "pro" }, context: { tenant: "t9" }, events, ...extra });

describe("parseBeacon", () => {
  it("turns events into rows with shared fields, UA and location", () => {
    const rows = parseBeacon(
      beacon([
        { t: NOW - 1000, type: "vital", name: "LCP", value: 1234.5, rating: "good", target: "img.hero", view: "00000000000000aa", page: "/product/:id", url: "https://shop.example/product/1" },
        { t: NOW, type: "error", name: "error", error_type: "TypeError", message: "x is undefined", frames: [{ fn: "buy", file: "https://shop.example/app.js", line: 3, col: 9 }] },
        { t: NOW, type: "request", name: "GET", method: "GET", status: 200, duration: 42, request_url: "https://api.shop.example/cart", trace_id: "a".repeat(32), span_id: "b".repeat(16) },
      ]),
      ctx,
    );
    expect(rows[0]).toMatchObject({
      timestamp: (NOW - 1000) * 1000, type: "vital", name: "LCP", value: 1234.5, rating: "good", target: "img.hero", page: "/product/:id",
      session_id: SESSION, service_name: "shop-web", service_version: "1.2.3", user_id: "u1",
      browser_name: "Chrome", os_name: "Linux", device_type: "desktop", geo_country: "PT", geo_region: "Lisbon", geo_colo: "LIS",
      attributes: { tenant: "t9", "user.plan": "pro" },
    });
    expect(rows[1]).toMatchObject({ error_type: "TypeError", error_message: "x is undefined", error_top_frame: "buy (https://shop.example/app.js:3:9)" });
    expect(JSON.parse(rows[1].error_frames as string)).toEqual([{ fn: "buy", file: "https://shop.example/app.js", line: 3, col: 9 }]);
    expect(rows[2]).toMatchObject({ http_request_method: "GET", http_response_status_code: 200, value: 42, url_full: "https://api.shop.example/cart", trace_id: "a".repeat(32) });
  });

  it("corrects the browser's clock skew from `sent`", () => {
    const [row] = parseBeacon(beacon([{ t: NOW - 3_600_000, type: "action", name: "click" }], { sent: NOW - 3_600_000 + 500 }), ctx);
    expect(row.timestamp).toBe((NOW - 500) * 1000);
  });

  it.each([
    ["not json", "{", /body is not valid JSON/],
    ["wrong version", beacon([{ t: NOW, type: "view" }], { v: 2 }), /^v: unsupported beacon version 2/],
    ["no session", beacon([{ t: NOW, type: "view" }], { session: undefined }), /^session: is required/],
    ["bad session", beacon([{ t: NOW, type: "view" }], { session: "xyz" }), /^session: expected 32 lowercase hex/],
    ["no events", beacon([]), /^events: expected a non-empty array/],
    ["bad type", beacon([{ t: NOW, type: "view" }, { t: NOW, type: "pageview" }]), /^events\[1\]\.type: expected one of view, vital/],
    ["no time", beacon([{ type: "view" }]), /^events\[0\]\.t: is required/],
    ["too old", beacon([{ t: NOW - 25 * 3_600_000, type: "view" }]), /^events\[0\]\.t: event time is more than 24 hours old/],
    ["bad status", beacon([{ t: NOW, type: "request", status: 1e4 }]), /^events\[0\]\.status: expected an HTTP status/],
    ["bad trace id", beacon([{ t: NOW, type: "request", trace_id: "XYZ" }]), /^events\[0\]\.trace_id: expected 32 lowercase hex/],
    ["non-string attr", beacon([{ t: NOW, type: "view", attrs: { n: 1 } }]), /^events\[0\]\.attrs\.n: expected a string/],
    ["too many events", beacon(Array.from({ length: 501 }, () => ({ t: NOW, type: "view" }))), /^events: at most 500 events per beacon, got 501/],
  ])("refuses %s with the path of the bad field", (_, text, message) => {
    expect(() => parseBeacon(text, ctx)).toThrow(BeaconError);
    expect(() => parseBeacon(text, ctx)).toThrow(message);
  });
});

describe("rum rows", () => {
  it("round-trip through the stored form into a rum table", () => {
    const rows = parseBeacon(beacon([{ t: NOW, type: "vital", name: "CLS", value: 0.05 }, { t: NOW, type: "request", status: 0 }]), ctx);
    const table = decodeRumRows(encodeRumRows(rows));
    expect(table.rows).toBe(2);
    expect(table.row(0)).toMatchObject({ type: "vital", name: "CLS", value: 0.05, http_response_status_code: null, attributes: { tenant: "t9", "user.plan": "pro" } });
    expect(table.row(1)).toMatchObject({ type: "request", http_response_status_code: 0, value: null });
  });
});

describe("user agent and location", () => {
  it("names browser, OS and device", () => {
    expect(parseUserAgent(IPHONE)).toEqual({ browser_name: "Safari", browser_version: "17.0", os_name: "iOS", os_version: "17.0", device_type: "mobile" });
    expect(parseUserAgent(null).browser_name).toBeNull();
    expect(geoFromCf(undefined)).toEqual({ geo_country: null, geo_region: null, geo_colo: null });
  });
});

describe("origins", () => {
  it("normalises origins and refuses anything else", () => {
    expect(normalizeOrigin("https://Shop.Example:443/")).toBe("https://shop.example");
    expect(normalizeOrigin("http://127.0.0.1:8080")).toBe("http://127.0.0.1:8080");
    expect(() => normalizeOrigin("shop.example")).toThrow(OriginError);
    expect(() => normalizeOrigin("https://shop.example/app")).toThrow(/no path/);
    expect(() => normalizeOrigin("ftp://shop.example")).toThrow(/only http and https/);
  });
});

describe("replay chunks", () => {
  it("validates session, sequence and rrweb events; keys sort by sequence", () => {
    const chunk = validateReplayChunk(SESSION, "3", JSON.stringify({ events: [{ type: 4, timestamp: 10, data: {} }] }));
    expect(chunk).toEqual({ session: SESSION, seq: 3, events: 1, firstTimestamp: 10 });
    expect(() => validateReplayChunk("x", "0", "{}")).toThrow(/session/);
    expect(() => validateReplayChunk(SESSION, "-1", "{}")).toThrow(/seq/);
    expect(() => validateReplayChunk(SESSION, "0", JSON.stringify({ events: [{ foo: 1 }] }))).toThrow(/events\[0\]/);
    expect(replayChunkKey("p", SESSION, 12) < replayChunkKey("p", SESSION, 100)).toBe(true);
  });
});

describe("the rum table in the query language", () => {
  it("compiles the issue's query", () => {
    const q = 'rum | where type == "vital" and name == "LCP" | summarize p75(value) by page';
    expect(validate(q)).toEqual([]);
    const { sql } = compile(q, GOLDEN_OPTIONS);
    expect(sql).toContain('SELECT "page", quantile_cont("value", ?) AS "p75_value" FROM "rum"');
    expect(sql).toContain('(("type" = ?) AND ("name" = ?))');
  });
});
