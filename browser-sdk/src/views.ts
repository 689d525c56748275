/**
 * Page views: one at start and one per route change of a single-page app (History API
 * `pushState` / `replaceState` and `popstate`, when the path changes). Each view has an
 * id that every later event carries, until the next view.
 */
import { hexId } from "./lib/ids";
import { pageOf, scrubUrl } from "./lib/url";

export interface View {
  id: string;
  page: string;
  url: string;
  start: number;
}

export function currentView(): View {
  return { id: hexId(8), page: pageOf(location.pathname), url: scrubUrl(location.href), start: Date.now() };
}

/** Calls `onChange` after each navigation that changes the path. */
export function watchRoutes(onChange: (how: string) => void): void {
  let path = location.pathname;
  const check = (how: string) => {
    if (location.pathname === path) return;
    path = location.pathname;
    onChange(how);
  };
  for (const m of ["pushState", "replaceState"] as const) {
    const original = history[m];
    history[m] = function (this: History, ...args: Parameters<History["pushState"]>) {
      const r = original.apply(this, args);
      try {
        check(m);
      } catch {
        // never into the host page
      }
      return r;
    };
  }
  addEventListener("popstate", () => check("popstate"));
}
