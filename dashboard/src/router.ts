/** A tiny router: the path as a signal, links that push history instead of reloading. */
import { signal } from "@preact/signals";

export const path = signal(location.pathname);

addEventListener("popstate", () => (path.value = location.pathname));

export function navigate(to: string): void {
  history.pushState(null, "", to);
  path.value = new URL(to, location.href).pathname;
}

/** onClick for <a href>: same-tab clicks navigate in the app; modified clicks open a tab. */
export function linkClick(e: MouseEvent): void {
  if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
  e.preventDefault();
  navigate((e.currentTarget as HTMLAnchorElement).getAttribute("href")!);
}
