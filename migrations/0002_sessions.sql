-- Dashboard sign-in sessions. The cookie holds a random token; only its SHA-256 is
-- stored, so a leaked database cannot be replayed as a session.
CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,       -- hex SHA-256 of the cookie value
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,       -- ms since epoch
  expires_at INTEGER NOT NULL
);
CREATE INDEX sessions_user ON sessions(user_id);
