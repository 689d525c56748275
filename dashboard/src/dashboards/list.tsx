/**
 * The dashboards list: full-text search (titles, tags, panel titles — done by the server),
 * a tag filter, folders (grouped, created here), stars (starred first), new dashboard,
 * import (paste or upload the JSON export), and export or delete per row.
 */
import { useEffect, useState } from "preact/hooks";
import { ApiError } from "../api";
import { linkClick, navigate } from "../router";
import { formatTime } from "../time";
import * as client from "./client";
import { downloadJson } from "./download";
import { allTags, groupByFolder } from "./list-model";
import { emptySpec } from "./spec-edit";

export function DashboardList() {
  const [q, setQ] = useState(() => new URLSearchParams(location.search).get("q") ?? "");
  const [tag, setTag] = useState("");
  const [starredOnly, setStarredOnly] = useState(false);
  const [dashboards, setDashboards] = useState<client.DashboardSummary[] | null>(null);
  const [tags, setTags] = useState<string[]>([]);
  const [folders, setFolders] = useState<client.Folder[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [importing, setImporting] = useState(false);
  /** The dashboard whose Delete was clicked once (it asks again, inline). */
  const [deleting, setDeleting] = useState<string | null>(null);
  /** The name being typed for a new folder, or null when not creating one. */
  const [newFolder, setNewFolder] = useState<string | null>(null);
  const [generation, setGeneration] = useState(0);
  const reload = () => setGeneration((g) => g + 1);

  useEffect(() => {
    let alive = true;
    // Typing in the search box: wait for a pause before asking the server.
    const timer = setTimeout(() => {
      Promise.all([client.listDashboards({ q: q.trim() || undefined, tag: tag || undefined, starred: starredOnly || undefined }), client.listFolders()])
        .then(([list, fs]) => {
          if (!alive) return;
          setDashboards(list);
          setFolders(fs);
          if (!q.trim() && !tag && !starredOnly) setTags(allTags(list));
          setError(null);
        })
        .catch((e: Error) => alive && setError(e.message));
    }, 200);
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [q, tag, starredOnly, generation]);

  const act = async (f: () => Promise<unknown>) => {
    try {
      await f();
      reload();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const filtered = !!(q.trim() || tag || starredOnly);

  return (
    <main class="dashboards">
      <header class="dash-head">
        <h1>Dashboards</h1>
        <span class="spacer" />
        <button
          class="primary"
          onClick={() =>
            act(async () => {
              const rec = await client.createDashboard(emptySpec("New dashboard"));
              navigate(`/dashboards/${rec.id}`);
            })
          }
        >
          New dashboard
        </button>
        <button onClick={() => setImporting(!importing)}>Import</button>
        {newFolder === null ? (
          <button onClick={() => setNewFolder("")}>New folder</button>
        ) : (
          <form
            class="row"
            onSubmit={(e) => {
              e.preventDefault();
              const title = newFolder.trim();
              if (title) void act(() => client.createFolder(title)).then(() => setNewFolder(null));
            }}
          >
            <input aria-label="Folder name" placeholder="Folder name" value={newFolder} onInput={(e) => setNewFolder((e.target as HTMLInputElement).value)} autoFocus />
            <button type="submit">Create folder</button>
            <button type="button" onClick={() => setNewFolder(null)}>
              Cancel
            </button>
          </form>
        )}
      </header>
      {importing && <ImportBox folders={folders} onDone={(id) => navigate(`/dashboards/${id}`)} onCancel={() => setImporting(false)} />}
      <div class="filters">
        <input type="search" aria-label="Search dashboards" placeholder="Search titles, tags and panel titles" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} />
        <select aria-label="Tag" value={tag} onChange={(e) => setTag((e.target as HTMLSelectElement).value)}>
          <option value="">All tags</option>
          {tags.map((t) => (
            <option value={t}>{t}</option>
          ))}
        </select>
        <label class="check">
          <input type="checkbox" checked={starredOnly} onChange={(e) => setStarredOnly((e.target as HTMLInputElement).checked)} /> Starred only
        </label>
      </div>
      {error && (
        <div class="error-box" role="alert">
          {error}
        </div>
      )}
      {!dashboards ? (
        <p class="muted">Loading…</p>
      ) : dashboards.length === 0 && filtered ? (
        <p class="empty">No dashboard matches.</p>
      ) : (
        groupByFolder(dashboards, folders, filtered).map((g) => (
          <section class="folder" aria-label={g.folder?.title ?? "General"}>
            <h2>
              {g.folder?.title ?? "General"}
              {g.folder && g.dashboards.length === 0 && !filtered && (
                <button class="link danger" onClick={() => act(() => client.deleteFolder(g.folder!.id))}>
                  delete folder
                </button>
              )}
            </h2>
            <table class="dash-list">
              <tbody>
                {g.dashboards.map((d) => (
                  <tr data-dashboard-id={d.id}>
                    <td class="star-cell">
                      <button class={d.starred ? "star on" : "star"} aria-pressed={d.starred} aria-label={d.starred ? `Unstar ${d.title}` : `Star ${d.title}`} onClick={() => act(() => client.setStar(d.id, !d.starred))}>
                        {d.starred ? "★" : "☆"}
                      </button>
                    </td>
                    <td>
                      <a href={`/dashboards/${d.id}`} onClick={linkClick}>
                        {d.title}
                      </a>
                    </td>
                    <td>
                      {d.tags.map((t) => (
                        <button class="tag" onClick={() => setTag(t)}>
                          {t}
                        </button>
                      ))}
                    </td>
                    <td class="muted">
                      v{d.version} · {formatTime(d.updatedAt, "local")}
                    </td>
                    <td class="row-actions">
                      <button class="link" onClick={() => act(async () => downloadJson(await client.exportDashboard(d.id), `${d.title}.json`))}>
                        Export
                      </button>
                      {deleting === d.id ? (
                        <>
                          <button class="link danger" onClick={() => act(() => client.deleteDashboard(d.id)).then(() => setDeleting(null))}>
                            Delete with its history
                          </button>
                          <button class="link" onClick={() => setDeleting(null)}>
                            Keep
                          </button>
                        </>
                      ) : (
                        <button class="link danger" aria-label={`Delete ${d.title}`} onClick={() => setDeleting(d.id)}>
                          Delete
                        </button>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        ))
      )}
    </main>
  );
}

const FROM_FILE = "\u0000file";

/** Import: paste the JSON or pick the file; errors from the server (what is wrong, where) are shown as they come. */
function ImportBox(props: { folders: client.Folder[]; onDone(id: string): void; onCancel(): void }) {
  const [text, setText] = useState("");
  const [folder, setFolder] = useState(FROM_FILE);
  const [error, setError] = useState<string | null>(null);
  const submit = async () => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      return setError(`Not JSON: ${(e as Error).message}`);
    }
    try {
      // "From the file" keeps the folder the export names; otherwise the one picked here.
      const target = folder === FROM_FILE ? undefined : (props.folders.find((f) => f.id === folder)?.title ?? null);
      const rec = await client.importDashboard(parsed as Parameters<typeof client.importDashboard>[0], target);
      props.onDone(rec.id);
    } catch (e) {
      setError(e instanceof ApiError ? e.message : String(e));
    }
  };
  return (
    <section class="import-box" aria-label="Import dashboard">
      <textarea aria-label="Dashboard JSON" rows={8} placeholder="Paste an exported dashboard (JSON)" value={text} onInput={(e) => setText((e.target as HTMLTextAreaElement).value)} />
      <div class="row">
        <input type="file" accept="application/json,.json" aria-label="Dashboard file" onChange={async (e) => setText(await ((e.target as HTMLInputElement).files?.[0]?.text() ?? Promise.resolve("")))} />
        <select aria-label="Import into folder" value={folder} onChange={(e) => setFolder((e.target as HTMLSelectElement).value)}>
          <option value={FROM_FILE}>Folder named in the file</option>
          <option value="">General</option>
          {props.folders.map((f) => (
            <option value={f.id}>{f.title}</option>
          ))}
        </select>
        <button class="primary" disabled={!text.trim()} onClick={() => void submit()}>
          Import
        </button>
        <button onClick={props.onCancel}>Cancel</button>
      </div>
      {error && <p class="error" role="alert">{error}</p>}
    </section>
  );
}
