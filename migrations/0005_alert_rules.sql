-- Alert rules: a query in the pipeline language evaluated every `interval` by the cron
-- (docs/alerting.md). The rule's definition is one JSON document (`spec`); the columns
-- beside it are what the cron and the list filter on. Series state lives in the project's
-- AlertStateObject, not here.
CREATE TABLE alert_rules (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  spec TEXT NOT NULL,                -- JSON: query, durations (ms), condition, labels, annotations …
  interval_ms INTEGER NOT NULL,
  enabled INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL,       -- ms since epoch
  updated_at INTEGER NOT NULL,
  UNIQUE (project_id, name)
);
CREATE INDEX alert_rules_enabled ON alert_rules(enabled, project_id);
