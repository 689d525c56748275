/**
 * Country names for the country table, from the browser's (or Node's) Intl data. No flag emoji:
 * Windows and headless Chromium draw them as letters or boxes. Pure, unit-tested.
 */
const regionNames = typeof Intl !== "undefined" && "DisplayNames" in Intl ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** `DE` → `Germany`; anything that is not an alpha-2 code is shown as it is. */
export function countryLabel(code: string): string {
  if (!/^[A-Za-z]{2}$/.test(code)) return code;
  const upper = code.toUpperCase();
  let name = upper;
  try {
    name = regionNames?.of(upper) ?? upper;
  } catch {
    // not a region code Intl knows
  }
  return name;
}
