/** App-wide state as signals: who is signed in and which project is open. */
import { signal } from "@preact/signals";

export interface Project {
  id: string;
  name: string;
  role: string;
}

/** undefined: not known yet (checking the session); null: signed out. */
export const user = signal<{ id: string; email: string } | null | undefined>(undefined);
export const projects = signal<Project[]>([]);
export const currentProject = signal<string | null>(localStorage.getItem("mse.project"));

export function chooseProject(id: string): void {
  currentProject.value = id;
  localStorage.setItem("mse.project", id);
}

export function signedIn(u: { id: string; email: string }, list: Project[]): void {
  projects.value = list;
  if (!list.some((p) => p.id === currentProject.value)) chooseProject(list[0]?.id ?? "");
  user.value = u;
}
