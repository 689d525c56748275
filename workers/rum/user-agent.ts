/**
 * Browser, OS and device type from the User-Agent, with `bowser` (MIT, maintained,
 * ~7.7 KB gzip in the worker; ua-parser-js 2.x is AGPL, which an MIT project cannot
 * ship). Parsed once per beacon, not per event.
 */
import Bowser from "bowser";

export interface UserAgentInfo {
  browser_name: string | null;
  browser_version: string | null;
  os_name: string | null;
  os_version: string | null;
  device_type: string | null;
}

const MAX_UA = 1000;

export function parseUserAgent(ua: string | null | undefined): UserAgentInfo {
  if (!ua) return { browser_name: null, browser_version: null, os_name: null, os_version: null, device_type: null };
  const r = Bowser.parse(ua.slice(0, MAX_UA));
  return {
    browser_name: r.browser.name || null,
    browser_version: r.browser.version || null,
    os_name: r.os.name || null,
    os_version: r.os.versionName || r.os.version || null,
    device_type: r.platform.type || null,
  };
}
