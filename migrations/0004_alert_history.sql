-- Alert history: every state change of an alert series and every notification attempt
-- (sent, failed, retried), escalation, acknowledgement and suppression. Written by the
-- rule evaluator and by the notification dispatcher; read by the history API and UI.
CREATE TABLE alert_history (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  at INTEGER NOT NULL,               -- ms since epoch
  kind TEXT NOT NULL,                -- state | notification | escalation | ack | silenced
  rule_id TEXT,
  fingerprint TEXT,
  status TEXT NOT NULL,
  detail TEXT,
  data TEXT NOT NULL DEFAULT '{}'    -- JSON
);
CREATE INDEX alert_history_project_at ON alert_history(project_id, at);
CREATE INDEX alert_history_fingerprint ON alert_history(project_id, fingerprint, at);
