-- Projects, users and API keys. Keys are stored only as SHA-256 hashes: the
-- plaintext is shown once, when the key is created.
CREATE TABLE projects (
  id TEXT PRIMARY KEY,               -- url-safe slug, used in storage paths
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL        -- ms since epoch
);

CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL UNIQUE,
  password_hash TEXT NOT NULL,       -- pbkdf2-sha256$iterations$salt$hash (base64)
  is_admin INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE project_members (
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  role TEXT NOT NULL DEFAULT 'admin',
  PRIMARY KEY (project_id, user_id)
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  project_id TEXT NOT NULL REFERENCES projects(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  key_hash TEXT NOT NULL UNIQUE,     -- hex SHA-256 of the whole key
  key_prefix TEXT NOT NULL,          -- first characters, to recognise a key in lists
  scopes TEXT NOT NULL,              -- space-separated: ingest read admin
  created_at INTEGER NOT NULL,
  revoked_at INTEGER
);
CREATE INDEX api_keys_project ON api_keys(project_id);
