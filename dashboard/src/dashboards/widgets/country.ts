/** Country names and flags for the country table, from the browser's (or Node's) Intl data. Pure, unit-tested. */
const regionNames = typeof Intl !== "undefined" && "DisplayNames" in Intl ? new Intl.DisplayNames(["en"], { type: "region" }) : null;

/** `DE` → `🇩🇪 Germany`; anything that is not an alpha-2 code is shown as it is. */
export function countryLabel(code: string): { flag: string; name: string } {
  if (!/^[A-Za-z]{2}$/.test(code)) return { flag: "", name: code };
  const upper = code.toUpperCase();
  let name = upper;
  try {
    name = regionNames?.of(upper) ?? upper;
  } catch {
    // not a region code Intl knows
  }
  const flag = String.fromCodePoint(...[...upper].map((c) => 0x1f1e6 + c.charCodeAt(0) - 65));
  return { flag, name };
}
