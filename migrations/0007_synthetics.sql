-- Synthetic monitoring: check definitions, the latest run per check and region (for the
-- checks list; the full history is the `checks` Parquet table), incidents, and the
-- project secrets checks reference by name. Every row belongs to a project.
CREATE TABLE checks (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,                -- http | multistep | heartbeat
  enabled INTEGER NOT NULL DEFAULT 1,
  interval_minutes INTEGER NOT NULL,
  definition TEXT NOT NULL,          -- normalised JSON (synthetics/definition.ts)
  heartbeat_token TEXT UNIQUE,       -- heartbeat checks: the secret part of the ping URL
  last_slot INTEGER,                 -- start (ms) of the last interval slot dispatched
  last_ping_at INTEGER,              -- heartbeat checks: last ping (ms)
  fail_streak INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);
CREATE INDEX checks_project ON checks(project_id);

CREATE TABLE check_region_status (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  check_id TEXT NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  region TEXT NOT NULL,
  run_id TEXT NOT NULL,
  at INTEGER NOT NULL,               -- run start (ms)
  status TEXT NOT NULL,              -- ok | failed | error
  duration_ms REAL,
  http_status_code INTEGER,
  error TEXT,
  ssl_days_remaining REAL,
  PRIMARY KEY (check_id, region)
);
CREATE INDEX check_region_status_project ON check_region_status(project_id);

CREATE TABLE check_incidents (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  check_id TEXT NOT NULL REFERENCES checks(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,                -- failure | ssl_expiry | heartbeat_missing
  status TEXT NOT NULL,              -- open | resolved
  severity TEXT NOT NULL,            -- critical | warning
  opened_at INTEGER NOT NULL,
  resolved_at INTEGER,
  regions TEXT NOT NULL DEFAULT '[]', -- JSON: regions failing when it opened
  summary TEXT NOT NULL,
  last_error TEXT
);
CREATE INDEX check_incidents_project ON check_incidents(project_id, status, opened_at);
-- At most one open incident of a kind per check.
CREATE UNIQUE INDEX check_incidents_one_open ON check_incidents(check_id, kind) WHERE status = 'open';

CREATE TABLE check_secrets (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (project_id, name)
);
