/**
 * The RUM page (/rum): a web-app filter and time range above three tabs, Overview, Errors
 * and Sessions; /rum/sessions/<id> opens one session with its timeline and replay.
 */
import "@rrweb/replay/dist/style.css";
import { useEffect, useState } from "preact/hooks";
import { linkClick } from "../router";
import { TimePicker } from "../explore/timepicker";
import type { RangeText } from "../time";
import { Errors } from "./errors";
import { Overview } from "./overview";
import { overviewQueries } from "./queries";
import { SessionView, Sessions } from "./sessions";
import { useRows } from "./use-rows";

const TABS = [
  { id: "overview", label: "Overview" },
  { id: "errors", label: "Errors" },
  { id: "sessions", label: "Sessions" },
] as const;

export function Rum({ path }: { path: string }) {
  const [, , tabId = "overview", sessionId] = path.split("/");
  const params = new URLSearchParams(location.search);
  const [range, setRange] = useState<RangeText>({ from: params.get("from") ?? "now-24h", to: params.get("to") ?? "now" });
  const [service, setService] = useState(params.get("service") ?? "");
  const services = useRows(overviewQueries("").services, range);
  useEffect(() => {
    const p = new URLSearchParams({ from: range.from, to: range.to, ...(service ? { service } : {}) });
    history.replaceState(null, "", `${location.pathname}?${p}`);
  }, [range.from, range.to, service]);
  const tab = TABS.find((t) => t.id === tabId) ?? TABS[0];
  return (
    <main class="traces rum">
      <div class="trace-search">
        <label>
          Web app
          <select aria-label="Web app" value={service} onChange={(e) => setService((e.target as HTMLSelectElement).value)}>
            <option value="">All apps</option>
            {(services.rows ?? []).map((r) => (
              <option value={String(r.service_name)}>{String(r.service_name)}</option>
            ))}
          </select>
        </label>
        <TimePicker range={range} utc={false} onChange={setRange} onZone={() => {}} />
      </div>
      <nav class="tabs" aria-label="RUM">
        {TABS.map((t) => (
          <a class={t === tab ? "active" : ""} href={`/rum/${t.id}?from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}`} onClick={linkClick}>
            {t.label}
          </a>
        ))}
      </nav>
      {tab.id === "overview" && <Overview service={service} range={range} />}
      {tab.id === "errors" && <Errors service={service} range={range} />}
      {tab.id === "sessions" && (sessionId ? <SessionView session={sessionId} range={range} /> : <Sessions service={service} range={range} />)}
    </main>
  );
}
