/** The shell: sign-in when signed out, else the header (pages, project switcher, sign-out) and the page. */
import { useEffect, useState } from "preact/hooks";
import { api, ApiError } from "./api";
import { PAGES, pageFor } from "./pages";
import { linkClick, path } from "./router";
import { chooseProject, currentProject, projects, signedIn, user, type Project } from "./state";

type Me = { user: { id: string; email: string }; projects: Project[] };

export function App() {
  useEffect(() => {
    api<Me>("/api/v1/auth/me")
      .then((me) => signedIn(me.user, me.projects))
      .catch(() => (user.value = null));
  }, []);
  if (user.value === undefined) return <div class="center muted">Loading…</div>;
  if (user.value === null) return <SignIn />;
  const p = path.value;
  const page = pageFor(p);
  const project = currentProject.value;
  return (
    <div class="shell">
      <header class="topbar">
        <span class="brand">Monoscope Edge</span>
        <nav>
          {PAGES.map((entry) => (
            <a class={entry === page ? "active" : ""} href={entry.href} onClick={linkClick}>
              {entry.label}
            </a>
          ))}
        </nav>
        <span class="spacer" />
        <label class="project">
          Project{" "}
          <select aria-label="Project" value={currentProject.value ?? ""} onChange={(e) => chooseProject((e.target as HTMLSelectElement).value)}>
            {projects.value.map((p) => (
              <option value={p.id}>{p.name}</option>
            ))}
          </select>
        </label>
        <span class="muted">{user.value.email}</span>
        <button
          class="link"
          onClick={async () => {
            await api("/api/v1/auth/logout", {}).catch(() => {});
            user.value = null;
          }}
        >
          Sign out
        </button>
      </header>
      {!project ? (
        <div class="center muted">You are not a member of any project.</div>
      ) : (
        page.render(project, p)
      )}
    </div>
  );
}

function SignIn() {
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const me = await api<Me>("/api/v1/auth/login", { email, password });
      signedIn(me.user, me.projects);
    } catch (err) {
      setError(err instanceof ApiError ? err.message : "could not reach the server");
    } finally {
      setBusy(false);
    }
  };
  return (
    <form class="signin" onSubmit={submit}>
      <h1>Monoscope Edge</h1>
      <label>
        Email
        <input name="email" type="email" autocomplete="username" required value={email} onInput={(e) => setEmail((e.target as HTMLInputElement).value)} />
      </label>
      <label>
        Password
        <input name="password" type="password" autocomplete="current-password" required value={password} onInput={(e) => setPassword((e.target as HTMLInputElement).value)} />
      </label>
      {error && <p class="error" role="alert">{error}</p>}
      <button type="submit" disabled={busy}>
        {busy ? "Signing in…" : "Sign in"}
      </button>
    </form>
  );
}
