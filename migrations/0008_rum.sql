-- Real-user monitoring: browser keys and the origins allowed to send beacons.
-- A browser key is public (it sits in a page's <script> tag): it has only the `rum`
-- scope, so it can send RUM for its project and read nothing; beacons are accepted
-- only from the project's allowed origins.
ALTER TABLE api_keys ADD COLUMN kind TEXT NOT NULL DEFAULT 'server'; -- server | browser

CREATE TABLE rum_origins (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  origin TEXT NOT NULL,              -- scheme://host[:port], as browsers send in Origin
  created_at INTEGER NOT NULL,       -- ms since epoch
  PRIMARY KEY (project_id, origin)
);
