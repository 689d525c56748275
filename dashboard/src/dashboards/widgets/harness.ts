/**
 * A test and development entry, never imported by the app: mounts widgets on a bare page from
 * real query results. test/widgets.system.test.ts bundles it with esbuild, serves it on the
 * running server's origin (so the session cookie and project apply) and drives it from
 * Chromium: `widgetHarness.show(panel, options)` runs the panel's queries through
 * `POST /api/v1/query` and renders `WIDGETS[panel.type]`; annotate and zoom requests are
 * recorded in `widgetHarness.events`.
 */
import "uplot/dist/uPlot.min.css";
import "../../styles.css";
import type { Annotation, Panel } from "../../../../core/dashboards/spec";
import { api, ApiError, type QueryResult } from "../../api";
import { renderWidgetInto } from "./index";
import type { QueryOutcome, WidgetProps } from "./types";

export type HarnessEvent = { panel: string; kind: "annotate"; timeMs: number } | { panel: string; kind: "zoom"; fromMs: number; toMs: number };

/** Runs a panel's visible queries over a range, as the dashboard page does (without variables). */
export async function runPanelQueries(panel: Panel, range: { fromMs: number; toMs: number }): Promise<QueryOutcome[]> {
  const from = new Date(range.fromMs).toISOString();
  const to = new Date(range.toMs).toISOString();
  return Promise.all(
    panel.queries
      .filter((q) => !q.hidden)
      .map(async (q): Promise<QueryOutcome> => {
        try {
          const result = await api<QueryResult>("/api/v1/query", { query: q.query, from, to });
          return { refId: q.refId, legend: q.legend, result, error: null };
        } catch (e) {
          return { refId: q.refId, legend: q.legend, result: null, error: e instanceof ApiError ? e.message : String(e) };
        }
      }),
  );
}

const events: HarnessEvent[] = [];
const shown = new Map<string, { body: HTMLDivElement; props: WidgetProps }>();

async function show(panel: Panel, opts: { fromMs: number; toMs: number; width: number; height: number; annotations?: Annotation[] }): Promise<QueryOutcome[]> {
  const section = document.createElement("section");
  section.className = "harness-panel";
  section.id = `panel-${panel.id}`;
  section.innerHTML = `<h3></h3><div class="harness-body"></div>`;
  section.querySelector("h3")!.textContent = `${panel.title} (${panel.type})`;
  const body = section.querySelector<HTMLDivElement>(".harness-body")!;
  body.style.width = `${opts.width}px`;
  body.style.height = `${opts.height}px`;
  document.getElementById("gallery")!.appendChild(section);
  const range = { fromMs: opts.fromMs, toMs: opts.toMs };
  const data = await runPanelQueries(panel, range);
  const props: WidgetProps = {
    panel,
    data,
    range,
    annotations: opts.annotations ?? [],
    width: opts.width,
    height: opts.height,
    onAnnotate: (timeMs) => events.push({ panel: panel.id, kind: "annotate", timeMs }),
    onZoom: (fromMs, toMs) => events.push({ panel: panel.id, kind: "zoom", fromMs, toMs }),
  };
  shown.set(panel.id, { body, props });
  renderWidgetInto(body, props);
  return data;
}

/** Re-renders a shown panel at a new size with the same results, as the page does when a panel is resized. */
function resize(panelId: string, width: number, height: number): void {
  const { body, props } = shown.get(panelId)!;
  body.style.width = `${width}px`;
  body.style.height = `${height}px`;
  renderWidgetInto(body, { ...props, width, height });
}

(globalThis as unknown as { widgetHarness: unknown }).widgetHarness = { show, resize, events };
