/**
 * RUM overview: page views, sessions, bounce rate and session duration; Web Vitals p75
 * per page coloured by band (good / needs improvement / poor); views by browser, device
 * and country; the most viewed pages.
 */
import type { RangeText } from "../time";
import { band, formatVital, overviewQueries, timespanSeconds, VITALS, type VitalName } from "./queries";
import { formatSeconds, useRows, type Row } from "./use-rows";

function Stat({ label, value }: { label: string; value: string }) {
  return (
    <div class="rum-stat">
      <div class="muted">{label}</div>
      <div class="rum-stat-value" data-stat={label}>
        {value}
      </div>
    </div>
  );
}

function Breakdown({ title, rows, column }: { title: string; rows: Row[] | null; column: string }) {
  const total = (rows ?? []).reduce((n, r) => n + Number(r.views), 0) || 1;
  return (
    <section class="rum-panel">
      <h3>{title}</h3>
      {(rows ?? []).map((r) => (
        <div class="rum-bar">
          <span>{String(r[column] ?? "unknown")}</span>
          <span class="rum-bar-fill" style={{ width: `${(100 * Number(r.views)) / total}%` }} />
          <span class="num">{String(r.views)}</span>
        </div>
      ))}
      {rows?.length === 0 && <div class="muted">No data.</div>}
    </section>
  );
}

export function Overview({ service, range }: { service: string; range: RangeText }) {
  const qs = overviewQueries(service);
  const totals = useRows(qs.totals, range);
  const vitals = useRows(qs.vitalsByPage, range);
  const pages = useRows(qs.topPages, range);
  const browsers = useRows(qs.breakdown("browser_name"), range);
  const devices = useRows(qs.breakdown("device_type"), range);
  const countries = useRows(qs.breakdown("geo_country"), range);
  const t = totals.rows?.[0];
  const sessions = Number(t?.sessions ?? 0);
  const byPage = new Map<string, Partial<Record<VitalName, { p75: number; samples: number }>>>();
  for (const r of vitals.rows ?? []) {
    const page = String(r.page ?? "");
    const entry = byPage.get(page) ?? {};
    entry[r.name as VitalName] = { p75: Number(r.p75), samples: Number(r.samples) };
    byPage.set(page, entry);
  }
  const error = totals.error ?? vitals.error;
  return (
    <div class="rum-overview">
      {error && (
        <div class="error-box" role="alert">
          {error}
        </div>
      )}
      <div class="rum-stats">
        <Stat label="Page views" value={t ? String(t.views ?? 0) : "…"} />
        <Stat label="Sessions" value={t ? String(sessions) : "…"} />
        <Stat label="Bounce rate" value={t ? (sessions ? `${((100 * Number(t.bounces)) / sessions).toFixed(1)} %` : "–") : "…"} />
        <Stat label="Avg session" value={t ? formatSeconds(timespanSeconds(t.avg_duration)) : "…"} />
      </div>
      <section class="rum-panel">
        <h3>Web Vitals (p75 per page)</h3>
        <table class="trace-list rum-vitals">
          <thead>
            <tr>
              <th>Page</th>
              {VITALS.map((v) => (
                <th>{v}</th>
              ))}
            </tr>
          </thead>
          <tbody>
            {[...byPage].map(([page, values]) => (
              <tr>
                <td>{page}</td>
                {VITALS.map((v) => {
                  const x = values[v];
                  return x ? (
                    <td class={`num vital ${band(v, x.p75)}`} title={`${x.samples} samples`} data-vital={v}>
                      {formatVital(v, x.p75)}
                    </td>
                  ) : (
                    <td class="num muted">–</td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
        <div class="rum-legend muted">
          <span class="vital good">good</span> <span class="vital needs-improvement">needs improvement</span> <span class="vital poor">poor</span> (web.dev thresholds)
        </div>
      </section>
      <div class="rum-grid">
        <Breakdown title="Browsers" rows={browsers.rows} column="browser_name" />
        <Breakdown title="Devices" rows={devices.rows} column="device_type" />
        <Breakdown title="Countries" rows={countries.rows} column="geo_country" />
      </div>
      <section class="rum-panel">
        <h3>Top pages</h3>
        <table class="trace-list">
          <thead>
            <tr>
              <th>Page</th>
              <th>Views</th>
              <th>Sessions</th>
            </tr>
          </thead>
          <tbody>
            {(pages.rows ?? []).map((r) => (
              <tr>
                <td>{String(r.page)}</td>
                <td class="num">{String(r.views)}</td>
                <td class="num">{String(r.sessions)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </div>
  );
}
