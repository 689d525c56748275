import { describe, expect, it } from "vitest";
import { matches, parseMatcher, parseMatchers, formatLabels } from "./matchers";
import { silencedBy, silenceState, type Silence } from "./silences";

describe("matchers", () => {
  // The four operators and their anchoring, as in Alertmanager's pkg/labels/matcher_test.go.
  it("parses the four operators, quoted and bare values", () => {
    expect(parseMatcher('foo="bar"')).toEqual({ name: "foo", type: "=", value: "bar" });
    expect(parseMatcher("foo!=bar")).toEqual({ name: "foo", type: "!=", value: "bar" });
    expect(parseMatcher('foo=~"b.*"')).toEqual({ name: "foo", type: "=~", value: "b.*" });
    expect(parseMatcher('foo !~ "a|b"')).toEqual({ name: "foo", type: "!~", value: "a|b" });
    expect(parseMatchers('{a="1", b=~"x,y"}')).toHaveLength(2);
  });
  it("refuses bad matchers with a message", () => {
    expect(() => parseMatcher("foo")).toThrow(/expected name/);
    expect(() => parseMatcher('foo=~"("')).toThrow(/invalid regular expression/);
    expect(() => parseMatcher('foo="bar')).toThrow(/unterminated/);
  });
  it("anchors regexes and treats a missing label as empty", () => {
    expect(matches(parseMatcher('foo=~"bar"'), { foo: "foobar" })).toBe(false);
    expect(matches(parseMatcher('foo=~"bar|baz"'), { foo: "baz" })).toBe(true);
    expect(matches(parseMatcher('foo!~"bar"'), {})).toBe(true);
    expect(matches(parseMatcher('foo=""'), {})).toBe(true);
    expect(matches(parseMatcher('foo!=""'), {})).toBe(false);
  });
  it("prints label sets as Alertmanager does", () => {
    expect(formatLabels({ b: "2", a: "1" })).toBe('{a="1", b="2"}');
  });
});

describe("silences", () => {
  const base: Silence = { id: "s", matchers: [parseMatcher('service="api"')], startsAt: 1000, endsAt: 2000, createdBy: "ann", comment: "deploy", fingerprint: null, createdAt: 0, updatedAt: 0 };
  it("mutes matching alerts only between startsAt and endsAt", () => {
    const alert = { fingerprint: "f1", labels: { service: "api" } };
    expect(silenceState(base, 999)).toBe("pending");
    expect(silencedBy([base], alert, 999)).toEqual([]);
    expect(silencedBy([base], alert, 1000)).toEqual(["s"]);
    expect(silencedBy([base], { fingerprint: "f2", labels: { service: "web" } }, 1500)).toEqual([]);
    expect(silenceState(base, 2000)).toBe("expired");
    expect(silencedBy([base], alert, 2000)).toEqual([]);
  });
  it("a silence bound to a fingerprint mutes that alert instance only", () => {
    const bound = { ...base, fingerprint: "f1" };
    expect(silencedBy([bound], { fingerprint: "f1", labels: { service: "api" } }, 1500)).toEqual(["s"]);
    expect(silencedBy([bound], { fingerprint: "f9", labels: { service: "api" } }, 1500)).toEqual([]);
  });
});
