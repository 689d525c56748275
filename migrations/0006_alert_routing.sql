-- Alert routing, silences, contact points and on-call (see docs/alerting.md). Every table
-- is scoped by project; JSON columns hold the shapes validated by alerting/routing,
-- alerting/notify and alerting/oncall. Delivery state (aggregation groups, the
-- notification log, escalation timers) lives in the per-project AlertDispatchObject.

-- The routing tree, inhibit rules and time intervals (Alertmanager's config, as JSON).
CREATE TABLE alerting_configs (
  project_id TEXT PRIMARY KEY REFERENCES projects(id) ON DELETE CASCADE,
  config TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  updated_by TEXT
);

-- Receivers: a name and integrations (webhook, slack, pagerduty, teams) with their settings.
CREATE TABLE contact_points (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  integrations TEXT NOT NULL,        -- JSON [{ kind, send_resolved, settings }]
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);

CREATE TABLE silences (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  matchers TEXT NOT NULL,            -- JSON [{ name, type, value }]
  starts_at INTEGER NOT NULL,
  ends_at INTEGER NOT NULL,
  created_by TEXT NOT NULL,
  comment TEXT NOT NULL,
  fingerprint TEXT,                  -- set for "mute until resolved"
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX silences_project_ends ON silences(project_id, ends_at);

CREATE TABLE oncall_schedules (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL,                -- JSON { time_zone, layers, overrides }
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);

CREATE TABLE escalation_policies (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL,                -- JSON { levels, repeat }
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);

-- How a person is reached when a schedule or policy names them: their contact points.
CREATE TABLE user_contact_points (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  contact_point_id TEXT NOT NULL REFERENCES contact_points(id) ON DELETE CASCADE,
  PRIMARY KEY (project_id, user_id, contact_point_id)
);

-- Secrets the instance generates for itself when none is configured (the signing key of
-- acknowledge/resolve links in development). Never returned by any route.
CREATE TABLE instance_secrets (
  name TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
