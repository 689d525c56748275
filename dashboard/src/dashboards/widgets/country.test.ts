import { describe, expect, it } from "vitest";
import { countryLabel } from "./country";

describe("countryLabel", () => {
  it("names alpha-2 codes", () => {
    expect(countryLabel("de")).toBe("Germany");
    expect(countryLabel("US")).toBe("United States");
  });
  it("shows anything else as it is", () => {
    expect(countryLabel("Germany")).toBe("Germany");
    expect(countryLabel("∅")).toBe("∅");
  });
});
