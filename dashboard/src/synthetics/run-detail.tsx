/** One run: its error, each assertion (expected vs actual), each step with its response excerpt, and the certificate. */
import { parseJsonList, type AssertionResult, type RunRow, type StepResult } from "./model";

const show = (v: unknown) => (v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v));

export function RunDetail({ run }: { run: RunRow }) {
  const assertions = parseJsonList<AssertionResult>(run.assertions);
  const steps = parseJsonList<StepResult>(run.steps);
  return (
    <div class="run-detail" aria-label="Run detail">
      <div>
        <span class={`pill ${run.status === "ok" ? "ok" : "bad"}`}>{run.status}</span> <strong>{run.region}</strong>{" "}
        <span class="muted">{new Date(String(run.timestamp)).toLocaleString()}</span>
      </div>
      {run.error && <div class="error-box run-error">{run.error}</div>}
      <h4>Assertions</h4>
      <table class="assertions">
        <thead>
          <tr>
            <th />
            <th>Step</th>
            <th>Assertion</th>
            <th>Expected</th>
            <th>Actual</th>
          </tr>
        </thead>
        <tbody>
          {assertions.map((a) => (
            <tr class={a.pass ? "pass" : a.warning ? "warn" : "fail"}>
              <td>{a.pass ? "✓" : a.warning ? "!" : "✗"}</td>
              <td>{a.step}</td>
              <td>
                {a.type}
                {a.target ? ` ${a.target}` : ""} {a.operator}
              </td>
              <td>
                <code>{show(a.expected)}</code>
              </td>
              <td>
                <code>{a.error ?? show(a.actual)}</code>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {run.ssl_days_remaining !== null && (
        <div class={run.ssl_days_remaining < 14 ? "warn-text" : "muted"}>
          Certificate {run.ssl_subject ? `for ${run.ssl_subject} ` : ""}expires in {run.ssl_days_remaining.toFixed(1)} days
        </div>
      )}
      {run.ssl_error && <div class="muted small">Certificate not read: {run.ssl_error}</div>}
      <h4>Steps</h4>
      {steps.map((s) => (
        <details open={steps.length === 1 || !!s.error}>
          <summary>
            {s.name}: {s.method} {s.url} → {s.status ?? "no response"} in {Math.round(s.duration_ms)} ms{s.redirects ? `, ${s.redirects} redirects` : ""}
          </summary>
          {s.error && <div class="error">{s.error}</div>}
          {s.response_excerpt && <pre class="excerpt">{s.response_excerpt}</pre>}
        </details>
      ))}
    </div>
  );
}
