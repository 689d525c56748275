/**
 * What every widget gets around it: a clear message instead of a drawing when the panel has
 * no query, every query failed or nothing matched; a warning strip when some queries failed;
 * and an error boundary, so a result of the wrong shape (ShapeError, which says what shape
 * the widget needs) or a bug shows a message in the panel instead of breaking the dashboard.
 */
import { Component, type ComponentChildren, type ComponentType } from "preact";
import { useMemo } from "preact/hooks";
import type { WidgetType } from "../../../../core/dashboards/spec";
import { ShapeError } from "./series";
import type { QueryOutcome, WidgetProps } from "./types";

export function Message(props: { kind: "empty" | "error"; children: ComponentChildren }) {
  return (
    <div class={`widget-message ${props.kind}`} role={props.kind === "error" ? "alert" : "status"}>
      {props.children}
    </div>
  );
}

const errorText = (o: QueryOutcome) => `Query ${o.refId}: ${o.error}`;

class Boundary extends Component<{ data: unknown; children: ComponentChildren }, { error: Error | null }> {
  state = { error: null as Error | null };
  static getDerivedStateFromError(error: Error) {
    return { error };
  }
  componentDidUpdate(prev: { data: unknown }) {
    // New results get a fresh try.
    if (prev.data !== this.props.data && this.state.error) this.setState({ error: null });
  }
  render() {
    const e = this.state.error;
    if (!e) return this.props.children;
    return <Message kind="error">{e instanceof ShapeError ? e.message : `This widget could not draw these results: ${e.message}`}</Message>;
  }
}

/** Wraps a widget with the messages above; `needsData` is false for widgets without queries (text). */
export function guarded(type: WidgetType, Inner: ComponentType<WidgetProps>, needsData = true): ComponentType<WidgetProps> {
  function Guarded(props: WidgetProps) {
    // Memoised on the page's array: a new one here on every render would rebuild charts on a mere resize.
    const failed = useMemo(() => props.data.filter((o) => o.error !== null), [props.data]);
    const answered = useMemo(
      () => props.data.filter((o): o is QueryOutcome & { result: NonNullable<QueryOutcome["result"]> } => o.error === null && o.result !== null),
      [props.data],
    );
    let body: ComponentChildren;
    if (!needsData) body = <Inner {...props} />;
    else if (props.data.length === 0) body = <Message kind="empty">This panel has no query yet.</Message>;
    else if (answered.length === 0 && failed.length > 0) body = <Message kind="error">{failed.map((o) => <div>{errorText(o)}</div>)}</Message>;
    else if (answered.every((o) => o.result.rows.length === 0)) body = <Message kind="empty">No data in this time range.</Message>;
    else
      body = (
        <>
          {failed.length > 0 && (
            <div class="widget-warn" role="alert">
              {failed.map(errorText).join(" · ")}
            </div>
          )}
          <Inner {...props} data={answered} />
        </>
      );
    return (
      <div class={`widget widget-${type}`} data-widget={type}>
        <Boundary data={props.data}>{body}</Boundary>
      </div>
    );
  }
  Guarded.displayName = `Widget(${type})`;
  return Guarded;
}

/** The first answered query with rows: what single-query widgets draw. */
export function firstResult(data: QueryOutcome[]) {
  const o = data.find((d) => d.result && d.result.rows.length > 0);
  if (!o?.result) throw new ShapeError("No data in this time range.");
  return o.result;
}

/** Times in UTC when the user chose UTC in Explore (the same switch). */
export const utcChosen = () => typeof localStorage !== "undefined" && localStorage.getItem("mse.utc") === "1";
