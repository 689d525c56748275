/**
 * The Alerting page: one nav entry, tabs below it. Each part of alerting adds its tab to
 * TABS (rules and history from rule evaluation; alerts, silences, contact points, routes
 * and on-call from routing). The tab is the second path segment: /alerting/<tab>/…
 */
import type { ComponentChild } from "preact";
import { linkClick } from "../router";
import { HistoryTab } from "./history";
import { RulesTab } from "./rules-tab";
import { ROUTING_TABS } from "./routing/tabs";

export interface AlertingTab {
  id: string;
  label: string;
  /** `rest` is the path after /alerting/<id>, e.g. "/abc" for /alerting/rules/abc. */
  render: (rest: string) => ComponentChild;
}

export const TABS: AlertingTab[] = [
  { id: "rules", label: "Rules", render: (rest) => <RulesTab rest={rest} /> },
  ...ROUTING_TABS,
  { id: "history", label: "History", render: () => <HistoryTab /> },
];

export function Alerting({ path }: { path: string }) {
  const [, , tabId = "", ...rest] = path.split("/");
  const tab = TABS.find((t) => t.id === tabId) ?? TABS[0];
  if (!tab) return <div class="center muted">Alerting is not available.</div>;
  return (
    <div class="alerting">
      <nav class="tabs" aria-label="Alerting">
        {TABS.map((t) => (
          <a class={t === tab ? "active" : ""} href={`/alerting/${t.id}`} onClick={linkClick}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab.render(rest.length ? `/${rest.join("/")}` : "")}
    </div>
  );
}
