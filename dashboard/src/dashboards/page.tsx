/**
 * The Dashboards area's entry in the app: `/dashboards` (the list) and `/dashboards/:id` (one
 * dashboard). The pages load as a lazy chunk so the app shell stays small.
 */
import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";

type Pages = typeof import("./pages-chunk");

let loaded: Promise<Pages> | null = null;

export function DashboardsPage(props: { path: string }) {
  const [pages, setPages] = useState<Pages | null>(null);
  useEffect(() => {
    let alive = true;
    (loaded ??= import("./pages-chunk")).then((p) => alive && setPages(p));
    return () => {
      alive = false;
    };
  }, []);
  if (!pages) return <div class="center muted">Loading…</div>;
  const id = /^\/dashboards\/([^/]+)/.exec(props.path)?.[1];
  const List: ComponentType = pages.DashboardList;
  return id ? <pages.DashboardView key={id} id={decodeURIComponent(id)} /> : <List />;
}
