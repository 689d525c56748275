/**
 * The versions drawer: every saved version with author, time and message; tick two to see
 * what changed between them (the server's diff by JSON path); restore one (which saves it as
 * a new version, so nothing is lost).
 */
import { useEffect, useState } from "preact/hooks";
import { formatTime } from "../time";
import type { DiffView } from "./api-shapes";
import { diffVersions, listVersions, type VersionInfo } from "./client";

const show = (v: unknown) => (v === undefined ? "" : typeof v === "string" ? v : JSON.stringify(v, null, 1));

export function VersionsDrawer(props: { dashboardId: string; currentVersion: number; onRestore(version: number): Promise<void>; onClose(): void }) {
  const [versions, setVersions] = useState<VersionInfo[] | null>(null);
  const [picked, setPicked] = useState<number[]>([]);
  const [diff, setDiff] = useState<({ from: number; to: number } & DiffView) | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** Restore asks once more, inline: it replaces what everyone sees. */
  const [confirming, setConfirming] = useState<number | null>(null);

  useEffect(() => {
    listVersions(props.dashboardId)
      .then((v) => setVersions([...v].sort((a, b) => b.version - a.version)))
      .catch((e: Error) => setError(e.message));
  }, [props.dashboardId, props.currentVersion]);

  const toggle = (v: number) => setPicked((p) => (p.includes(v) ? p.filter((x) => x !== v) : [...p.slice(-1), v]));
  const compare = async () => {
    const [from, to] = [...picked].sort((a, b) => a - b);
    setError(null);
    try {
      setDiff({ from, to, ...(await diffVersions(props.dashboardId, from, to)) });
    } catch (e) {
      setError((e as Error).message);
    }
  };

  return (
    <div class="drawer" role="dialog" aria-label="Versions">
      <header>
        <h2>Versions</h2>
        <span class="spacer" />
        <button class="link" onClick={props.onClose} aria-label="Close versions">
          ✕
        </button>
      </header>
      {error && <p class="error" role="alert">{error}</p>}
      {!versions ? (
        <p class="muted">Loading…</p>
      ) : (
        <table class="versions">
          <thead>
            <tr>
              <th />
              <th>Version</th>
              <th>Saved</th>
              <th>By</th>
              <th>Message</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {versions.map((v) => (
              <tr data-version={v.version}>
                <td>
                  <input type="checkbox" aria-label={`Pick version ${v.version}`} checked={picked.includes(v.version)} onChange={() => toggle(v.version)} />
                </td>
                <td>
                  {v.version}
                  {v.version === props.currentVersion && <span class="badge">current</span>}
                </td>
                <td>{formatTime(v.createdAt, "local")}</td>
                <td>{v.author ?? "—"}</td>
                <td>{v.message ?? ""}</td>
                <td>
                  {v.version !== props.currentVersion &&
                    (confirming === v.version ? (
                      <button
                        class="primary"
                        disabled={busy}
                        onClick={async () => {
                          setBusy(true);
                          try {
                            await props.onRestore(v.version);
                            setConfirming(null);
                          } catch (e) {
                            setError((e as Error).message);
                          } finally {
                            setBusy(false);
                          }
                        }}
                      >
                        Restore as new version
                      </button>
                    ) : (
                      <button onClick={() => setConfirming(v.version)}>Restore…</button>
                    ))}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <button disabled={picked.length !== 2} onClick={() => void compare()}>
        Compare selected
      </button>
      {diff && (
        <section class="diff" aria-label="Changes">
          <h3>
            Version {diff.from} → {diff.to}: {diff.changes.length} change{diff.changes.length === 1 ? "" : "s"}
          </h3>
          {diff.changes.length === 0 && <p class="muted">No differences.</p>}
          {diff.changes.map((c) => (
            <div class={`change ${c.kind}`}>
              <code class="path">{c.path}</code> <span class="kind">{c.kind}</span>
              <div class="sides">
                {c.kind !== "added" && <pre class="before">{show(c.before)}</pre>}
                {c.kind !== "removed" && <pre class="after">{show(c.after)}</pre>}
              </div>
            </div>
          ))}
          {diff.hunks && diff.hunks.length > 0 && (
            <details class="hunks">
              <summary>JSON line diff</summary>
              {diff.hunks.map((h) => (
                <pre class="hunk">
                  <span class="muted">
                    @@ -{h.oldStart} +{h.newStart} @@{"\n"}
                  </span>
                  {h.lines.map((l) => (
                    <span class={l.op === "+" ? "add" : l.op === "-" ? "del" : ""}>
                      {l.op === "=" ? " " : l.op} {l.text}
                      {"\n"}
                    </span>
                  ))}
                </pre>
              ))}
            </details>
          )}
        </section>
      )}
    </div>
  );
}
