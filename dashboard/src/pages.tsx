/**
 * The app's top-level pages: a nav entry and what renders for a path. Each area adds one
 * entry here; the shell (app.tsx) draws the nav and picks the first page whose `match` accepts
 * the path (Explore when none does).
 */
import type { ComponentChild } from "preact";
import { Alerting } from "./alerting/alerting";
import { DashboardsPage } from "./dashboards/page";
import { Explore } from "./explore/explore";
import { Rum } from "./rum/rum";
import { TraceView } from "./traces/trace-view";
import { Traces } from "./traces/traces";
import { Synthetics } from "./synthetics/synthetics";

export interface Page {
  label: string;
  href: string;
  /** True when this page owns the path. */
  match: (path: string) => boolean;
  /** Renders the page; `key`ed by the caller on project so a project switch starts fresh. */
  render: (project: string, path: string) => ComponentChild;
}

export const PAGES: Page[] = [
  {
    label: "Explore",
    href: "/explore",
    match: (p) => p === "/" || p.startsWith("/explore"),
    render: (project, p) => <Explore key={`${project}${p}`} />,
  },
  {
    label: "Traces",
    href: "/traces",
    match: (p) => p.startsWith("/traces"),
    render: (project, p) => {
      const traceId = /^\/traces\/([0-9a-fA-F]+)/.exec(p)?.[1];
      return traceId ? <TraceView key={`${project}/${traceId}`} traceId={traceId} /> : <Traces key={project} />;
    },
  },
  {
    label: "Alerting",
    href: "/alerting",
    match: (p) => p.startsWith("/alerting"),
    render: (project, p) => <Alerting key={project} path={p} />,
  },
  {
    label: "Synthetics",
    href: "/synthetics",
    match: (p) => p.startsWith("/synthetics"),
    render: (project, p) => <Synthetics key={project} path={p} />,
  },
  {
    label: "Dashboards",
    href: "/dashboards",
    match: (p) => p === "/dashboards" || p.startsWith("/dashboards/"),
    render: (project, p) => <DashboardsPage key={project} path={p} />,
  },
  {
    label: "RUM",
    // /rum itself is the beacon endpoint (the worker redirects a GET to /rum/overview).
    href: "/rum/overview",
    match: (p) => p === "/rum" || p.startsWith("/rum/"),
    render: (project, p) => <Rum key={project} path={p} />,
  },
];

export function pageFor(path: string): Page {
  return PAGES.find((page) => page.match(path)) ?? PAGES[0];
}
