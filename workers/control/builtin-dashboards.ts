/**
 * Gives projects the built-in dashboards (core/dashboards/builtins.ts). A project gets
 * each built-in once: `dashboard_builtins_seeded` remembers it, so a restart does not
 * duplicate one and a user's deletion sticks. Runs when a project is created and, for
 * projects that predate a built-in, once per isolate at start-up.
 */
import { BUILT_IN_DASHBOARDS } from "../../core/dashboards/builtins";
import { createStatements } from "./dashboards";

/** Seeds the built-ins `projectId` has not had yet; returns how many dashboards it created. */
export async function seedBuiltInDashboards(db: D1Database, projectId: string, now = Date.now()): Promise<number> {
  const { results } = await db.prepare("SELECT built_in FROM dashboard_builtins_seeded WHERE project_id = ?").bind(projectId).all<{ built_in: string }>();
  const had = new Set(results.map((r) => r.built_in));
  let created = 0;
  for (const builtIn of BUILT_IN_DASHBOARDS) {
    if (had.has(builtIn.key)) continue;
    const { statements } = createStatements(db, projectId, builtIn.spec, null, { builtIn: builtIn.key, message: "built-in", now });
    try {
      // The marker row goes first: a concurrent seeder fails on its primary key and the whole batch rolls back.
      await db.batch([
        db.prepare("INSERT INTO dashboard_builtins_seeded (project_id, built_in, seeded_at) VALUES (?, ?, ?)").bind(projectId, builtIn.key, now),
        ...statements,
      ]);
      created++;
    } catch (err) {
      if (!/UNIQUE|PRIMARY KEY|constraint/i.test(String(err))) throw err;
    }
  }
  return created;
}

/** Seeds every project missing one of the current built-ins (one query when none is). */
export async function seedAllProjects(db: D1Database, now = Date.now()): Promise<void> {
  const { results } = await db
    .prepare("SELECT p.id FROM projects p WHERE (SELECT COUNT(*) FROM dashboard_builtins_seeded s WHERE s.project_id = p.id) < ?")
    .bind(BUILT_IN_DASHBOARDS.length)
    .all<{ id: string }>();
  for (const { id } of results) await seedBuiltInDashboards(db, id, now);
}
