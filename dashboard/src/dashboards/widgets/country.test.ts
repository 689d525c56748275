import { describe, expect, it } from "vitest";
import { countryLabel } from "./country";

describe("countryLabel", () => {
  it("names alpha-2 codes and gives their flag", () => {
    expect(countryLabel("de")).toEqual({ flag: "🇩🇪", name: "Germany" });
    expect(countryLabel("US").name).toBe("United States");
  });
  it("shows anything else as it is", () => {
    expect(countryLabel("Germany")).toEqual({ flag: "", name: "Germany" });
    expect(countryLabel("∅")).toEqual({ flag: "", name: "∅" });
  });
});
