import { describe, expect, it } from "vitest";
import { pageOf, scrubUrl } from "./url";
import { shouldPropagate, traceparent } from "./propagation";
import { splitBodies, byteLength } from "./split";

describe("scrubUrl", () => {
  it("redacts credential-like query values and drops the fragment", () => {
    expect(scrubUrl("https://a.example/cb?code=abc&state=1&api_key=zz#access_token=t")).toBe("https://a.example/cb?code=REDACTED&state=1&api_key=REDACTED");
    expect(scrubUrl("/api/items?page=2", "https://a.example/x")).toBe("https://a.example/api/items?page=2");
    expect(scrubUrl("http://[bad")).toBe("");
  });
});

describe("pageOf", () => {
  it("groups id-like path segments", () => {
    expect(pageOf("/product/1234/reviews")).toBe("/product/:id/reviews");
    expect(pageOf("/o/3f2b8c1e-1a2b-4c3d-8e9f-0a1b2c3d4e5f")).toBe("/o/:id");
    expect(pageOf("/cart")).toBe("/cart");
  });
});

describe("trace propagation targets", () => {
  it("matches exact origins, URL prefixes and RegExps only", () => {
    const targets = ["https://api.shop.example", /^https:\/\/cdn\.shop\.example\/api\//];
    expect(shouldPropagate("https://api.shop.example/cart", targets)).toBe(true);
    expect(shouldPropagate("https://api.shop.example.evil.test/cart", targets)).toBe(false);
    expect(shouldPropagate("https://cdn.shop.example/api/x", targets)).toBe(true);
    expect(shouldPropagate("https://third.party/x", targets)).toBe(false);
    expect(traceparent("a".repeat(32), "b".repeat(16))).toBe(`00-${"a".repeat(32)}-${"b".repeat(16)}-01`);
  });
});

describe("splitBodies", () => {
  it("keeps every body under the limit and every event in exactly one body", () => {
    const events = Array.from({ length: 100 }, (_, i) => JSON.stringify({ i, pad: "x".repeat(1000) }));
    const head = '{"v":1,"events":[';
    const { bodies, dropped } = splitBodies(head, events, 10_000);
    expect(dropped).toBe(0);
    expect(bodies.length).toBeGreaterThan(9);
    for (const b of bodies) expect(byteLength(b)).toBeLessThanOrEqual(10_000);
    const back = bodies.flatMap((b) => JSON.parse(b).events.map((e: { i: number }) => e.i));
    expect(back).toEqual(events.map((_, i) => i));
  });
  it("drops an event too large to fit alone and counts it", () => {
    const { bodies, dropped } = splitBodies("{\"events\":[", ['"small"', JSON.stringify("y".repeat(500))], 100);
    expect(dropped).toBe(1);
    expect(bodies).toEqual(['{"events":["small"]}']);
  });
});
