-- Dashboards (issue 5): the JSON spec of each dashboard, every saved version, folders,
-- per-user stars and manual annotations. Every table
-- carries project_id and every index starts with it: all reads are project-scoped.
CREATE TABLE dashboard_folders (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,       -- ms since epoch
  PRIMARY KEY (project_id, id)
);
CREATE UNIQUE INDEX dashboard_folders_title ON dashboard_folders(project_id, title);

CREATE TABLE dashboards (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  folder_id TEXT,                    -- dashboard_folders.id in the same project, or NULL
  title TEXT NOT NULL,               -- copied from the spec, for lists and sorting
  tags TEXT NOT NULL DEFAULT '[]',   -- JSON array, copied from the spec
  panel_count INTEGER NOT NULL DEFAULT 0,
  -- Search text, lower case without accents (core/dashboards/search.ts). Not FTS5:
  -- `wrangler d1 export` refuses a database holding an FTS5 table.
  search_title TEXT NOT NULL DEFAULT '',
  search_tags TEXT NOT NULL DEFAULT '',
  search_panels TEXT NOT NULL DEFAULT '',
  spec TEXT NOT NULL,                -- DashboardSpec JSON (core/dashboards/spec.ts)
  version INTEGER NOT NULL,          -- 1 on create, +1 on every save
  built_in TEXT,                     -- key of a built-in dashboard (core/dashboards/builtins.ts)
  created_at INTEGER NOT NULL,
  created_by TEXT,                   -- display name of the user or API key
  updated_at INTEGER NOT NULL,
  updated_by TEXT,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX dashboards_folder ON dashboards(project_id, folder_id);
CREATE INDEX dashboards_title ON dashboards(project_id, title);

-- Every save, including the first: restoring or diffing reads the spec from here.
CREATE TABLE dashboard_versions (
  project_id TEXT NOT NULL,
  dashboard_id TEXT NOT NULL,
  version INTEGER NOT NULL,
  spec TEXT NOT NULL,
  author TEXT,                       -- display name (user email or API key name)
  author_id TEXT,                    -- session:<user id> or the API key id
  created_at INTEGER NOT NULL,
  message TEXT,
  PRIMARY KEY (project_id, dashboard_id, version),
  FOREIGN KEY (project_id, dashboard_id) REFERENCES dashboards(project_id, id) ON DELETE CASCADE
);

-- Stars belong to whoever is signed in: session:<user id>, or an API key id.
CREATE TABLE dashboard_stars (
  project_id TEXT NOT NULL,
  dashboard_id TEXT NOT NULL,
  owner TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, owner, dashboard_id),
  FOREIGN KEY (project_id, dashboard_id) REFERENCES dashboards(project_id, id) ON DELETE CASCADE
);

-- Which built-in dashboards a project has been given, so a deleted one stays deleted and
-- a restart never creates a second copy.
CREATE TABLE dashboard_builtins_seeded (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  built_in TEXT NOT NULL,
  seeded_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, built_in)
);

CREATE TABLE annotations (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  id TEXT NOT NULL,
  dashboard_id TEXT,                 -- NULL: shown on every dashboard
  panel_id TEXT,                     -- NULL: shown on every panel of the dashboard
  time INTEGER NOT NULL,             -- ms since epoch
  time_end INTEGER,                  -- ms since epoch, for a region; NULL for a point
  text TEXT NOT NULL,
  tags TEXT NOT NULL DEFAULT '[]',   -- JSON array
  created_by TEXT,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, id)
);
CREATE INDEX annotations_time ON annotations(project_id, time);
CREATE INDEX annotations_dashboard ON annotations(project_id, dashboard_id, time);
