import { describe, expect, it } from "vitest";
import { humanize, humanizeDuration, printf, renderTemplate, templateErrors } from "./template";

const data = { labels: { service: "checkout", route: "/pay" }, value: 1234567.891 };

describe("templates", () => {
  it("fills labels and the value", () => {
    expect(renderTemplate("{{ $labels.service }} on {{$labels.route}} is {{ $value }}", data)).toBe("checkout on /pay is 1234567.891");
    expect(renderTemplate("missing '{{ $labels.nope }}'", data)).toBe("missing ''");
    expect(renderTemplate("no value {{ $value }}", { labels: {}, value: null })).toBe("no value <no value>");
  });

  it("pipes into helpers and calls them with arguments", () => {
    expect(renderTemplate("{{ $value | humanize }}", data)).toBe("1.235M");
    expect(renderTemplate("{{ humanize $value }}", data)).toBe("1.235M");
    expect(renderTemplate('{{ printf "%.2f" $value }}', data)).toBe("1234567.89");
    expect(renderTemplate("{{ 0.0312 | humanizePercentage }}", data)).toBe("3.12%");
    expect(renderTemplate("{{ $labels.service | toUpper }}", data)).toBe("CHECKOUT");
  });

  it("reports unknown functions and broken syntax at validation, and renders the error instead of throwing", () => {
    expect(templateErrors("{{ $value | humanise }}")[0]).toMatch(/unknown function 'humanise'/);
    expect(templateErrors("{{ $value ")[0]).toMatch(/never closed/);
    expect(templateErrors("{{ $labels. }}")[0]).toMatch(/cannot read/);
    expect(templateErrors("ok {{ $value | humanize }}")).toEqual([]);
    expect(renderTemplate("{{ nope }}", data)).toMatch(/template error/);
  });

  it("humanizes like Prometheus", () => {
    expect(humanize(0)).toBe("0");
    expect(humanize(999)).toBe("999");
    expect(humanize(1500)).toBe("1.5k");
    expect(humanize(0.0025)).toBe("2.5m");
    expect(humanizeDuration(3725)).toBe("1h 2m 5s");
    expect(humanizeDuration(90061)).toBe("1d 1h 1m 1s");
    expect(humanizeDuration(0.25)).toBe("250ms");
    expect(printf("%d%% of %s", [42.9, "x"])).toBe("42% of x");
  });
});
