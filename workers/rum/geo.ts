/** Location of the visitor from Cloudflare's request metadata (absent locally). */
export interface GeoInfo {
  geo_country: string | null;
  geo_region: string | null;
  geo_colo: string | null;
}

export function geoFromCf(cf: Record<string, unknown> | undefined): GeoInfo {
  const s = (v: unknown) => (typeof v === "string" && v ? v : null);
  return { geo_country: s(cf?.country), geo_region: s(cf?.region), geo_colo: s(cf?.colo) };
}
