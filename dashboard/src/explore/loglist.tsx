/**
 * Logs as a list: time, severity colour, service, body; a row expands to every field and
 * attribute, and clicking a value adds `| where field == value` to the query.
 */
import { useState } from "preact/hooks";
import type { Column } from "../api";
import { cellText, filterClause, mapKeyField, severityClass } from "../results";
import { formatTime } from "../time";


export function LogList(props: { columns: Column[]; rows: unknown[][]; utc: boolean; onFilter(clause: string): void }) {
  const [open, setOpen] = useState<number | null>(null);
  const col = (name: string) => props.columns.findIndex((c) => c.name === name);
  const [t, sev, svc, body] = [col("timestamp"), col("severity_text"), col("service_name"), col("body")];
  return (
    <ol class="loglist">
      {props.rows.slice(0, 2000).map((row, i) => (
        <li class={`log ${severityClass(row[sev])}`}>
          <button class="logline" aria-expanded={open === i} onClick={() => setOpen(open === i ? null : i)}>
            <span class="time">{formatTime(Date.parse(String(row[t])), props.utc ? "utc" : "local")}</span>
            <span class="sev">{sev >= 0 ? cellText(row[sev]) || "—" : ""}</span>
            <span class="svc">{svc >= 0 ? cellText(row[svc]) : ""}</span>
            <span class="body">{cellText(row[body])}</span>
          </button>
          {open === i && (
            <dl class="fields">
              {props.columns.flatMap((c, j) => {
                const v = row[j];
                if (v === null || v === undefined || v === "") return [];
                if (typeof v === "object" && !Array.isArray(v)) {
                  const prefix = c.name === "resource_attributes" ? "resource" : c.name;
                  return Object.entries(v as Record<string, unknown>).map(([k, val]) => (
                    <Field name={mapKeyField(prefix, k)} value={val} onFilter={props.onFilter} />
                  ));
                }
                return [<Field name={c.name} value={v} onFilter={props.onFilter} />];
              })}
            </dl>
          )}
        </li>
      ))}
    </ol>
  );
}

function Field(props: { name: string; value: unknown; onFilter(clause: string): void }) {
  return (
    <>
      <dt>{props.name}</dt>
      <dd>
        <button class="value" title="Add as a filter" onClick={() => props.onFilter(filterClause(props.name, props.value))}>
          {cellText(props.value)}
        </button>
      </dd>
    </>
  );
}
