/**
 * Dashboard folders: list (with how many dashboards each holds), create, rename, delete.
 * Deleting a folder that still holds dashboards is refused with 409.
 */
import { Hono, type Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv, Vars } from "../../env";
import { requireScope } from "../../middleware/auth";
import { createFolder, deleteFolder, listFolders, renameFolder, type FolderResult } from "../../control/folders";
import { readJsonObject } from "../json-body";

type App = { Bindings: AppEnv; Variables: Vars };

export const folderRoutes = new Hono<App>();

async function titleFrom(c: Context<App>): Promise<string> {
  const body = await readJsonObject(c, 16 * 1024);
  const title = typeof body.title === "string" ? body.title.trim() : "";
  if (title === "" || title.length > 200) throw new HTTPException(400, { message: "'title' must be a non-empty string of at most 200 characters" });
  return title;
}

function answer(c: Context<App>, result: FolderResult, id: string, title?: string, status: 200 | 201 = 200): Response {
  switch (result.kind) {
    case "ok":
      return c.json(result.folder, status);
    case "not_found":
      throw new HTTPException(404, { message: `no folder '${id}' in this project` });
    case "duplicate":
      throw new HTTPException(409, { message: `a folder called ${JSON.stringify(title)} already exists` });
    case "not_empty":
      throw new HTTPException(409, { message: `folder '${id}' still holds ${result.dashboards} dashboard(s): move or delete them first` });
  }
}

folderRoutes.get("/api/v1/folders", requireScope("read"), async (c) => c.json({ folders: await listFolders(c.env.DB, c.get("projectId")) }));

folderRoutes.post("/api/v1/folders", requireScope("admin"), async (c) => {
  const title = await titleFrom(c);
  return answer(c, await createFolder(c.env.DB, c.get("projectId"), title), "", title, 201);
});

folderRoutes.put("/api/v1/folders/:id", requireScope("admin"), async (c) => {
  const title = await titleFrom(c);
  return answer(c, await renameFolder(c.env.DB, c.get("projectId"), c.req.param("id"), title), c.req.param("id"), title);
});

folderRoutes.delete("/api/v1/folders/:id", requireScope("admin"), async (c) => {
  const result = await deleteFolder(c.env.DB, c.get("projectId"), c.req.param("id"));
  if (result.kind === "ok") return c.body(null, 204);
  return answer(c, result, c.req.param("id"));
});
