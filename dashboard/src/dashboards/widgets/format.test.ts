import { describe, expect, it } from "vitest";
import { formatValue } from "./format";

describe("formatValue", () => {
  it("shows missing values as a dash", () => {
    for (const v of [null, undefined, "", Number.NaN]) expect(formatValue(v, "ms")).toBe("—");
  });

  it("picks decimals by magnitude unless told, and keeps the ones asked for", () => {
    expect(formatValue(1234.5678)).toBe("1235");
    expect(formatValue(12.345)).toBe("12.3");
    expect(formatValue(1.5)).toBe("1.5");
    expect(formatValue(0.0123)).toBe("0.012");
    expect(formatValue(0)).toBe("0");
    expect(formatValue(2, "none", 2)).toBe("2.00");
    expect(formatValue("7", "none")).toBe("7");
  });

  it("scales short numbers and rates", () => {
    expect(formatValue(999, "short")).toBe("999");
    expect(formatValue(1500, "short")).toBe("1.5K");
    expect(formatValue(2_500_000, "short")).toBe("2.5M");
    expect(formatValue(-4200, "short")).toBe("-4.2K");
    expect(formatValue(1200, "reqps")).toBe("1.2K req/s");
    expect(formatValue(3, "ops", 1)).toBe("3.0 ops/s");
  });

  it("formats percentages on both scales", () => {
    expect(formatValue(42.5, "percent")).toBe("42.5%");
    expect(formatValue(0.425, "percentunit")).toBe("42.5%");
    expect(formatValue(0.5, "percentunit", 0)).toBe("50%");
  });

  it("moves durations to the unit that reads best", () => {
    expect(formatValue(1500, "ms")).toBe("1.5 s");
    expect(formatValue(250, "ms")).toBe("250 ms");
    expect(formatValue(352_800_000, "ns")).toBe("353 ms");
    expect(formatValue(800, "ns")).toBe("800 ns");
    expect(formatValue(1500, "us")).toBe("1.5 ms");
    expect(formatValue(90, "s")).toBe("1.5 min");
    expect(formatValue(7200, "s")).toBe("2 h");
    expect(formatValue(172_800, "s", 1)).toBe("2.0 d");
    expect(formatValue(0, "us")).toBe("0 µs");
  });

  it("formats bytes in binary and decimal multiples", () => {
    expect(formatValue(512, "bytes")).toBe("512 B");
    expect(formatValue(1536, "bytes")).toBe("1.5 KiB");
    expect(formatValue(5 * 1024 ** 3, "bytes")).toBe("5 GiB");
    expect(formatValue(1500, "decbytes")).toBe("1.5 kB");
  });

  it("uses an unknown unit as a suffix", () => {
    expect(formatValue(21.5, "°C")).toBe("21.5 °C");
  });
});
