-- Accounts, sessions, login throttling and the audit log (src/auth).

-- One account per person. The scope columns say where the account's authority ends: street_id is
-- always set, community_id for community and grid scope, grid_id for grid scope; the composite
-- foreign keys make a grid of another community, or a community of another street, impossible.
CREATE TABLE users (
  id {{ID}},
  login TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL CHECK (display_name <> ''),
  password_hash TEXT NOT NULL,  -- argon2id encoded string ($argon2id$v=19$m=...)
  role TEXT NOT NULL CHECK (role IN ('admin', 'street_admin', 'community_worker', 'grid_worker',
                                     'resident', 'volunteer', 'caregiver', 'canteen_operator',
                                     'childcare_operator', 'courier', 'planner')),
  scope_kind TEXT NOT NULL CHECK (scope_kind IN ('street', 'community', 'grid')),
  street_id BIGINT NOT NULL REFERENCES streets (id),
  community_id BIGINT REFERENCES communities (id),
  grid_id BIGINT REFERENCES grids (id),
  disabled INTEGER NOT NULL DEFAULT 0 CHECK (disabled IN (0, 1)),
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  CHECK ((scope_kind = 'street' AND community_id IS NULL AND grid_id IS NULL) OR
         (scope_kind = 'community' AND community_id IS NOT NULL AND grid_id IS NULL) OR
         (scope_kind = 'grid' AND community_id IS NOT NULL AND grid_id IS NOT NULL)),
  FOREIGN KEY (community_id, street_id) REFERENCES communities (id, street_id),
  FOREIGN KEY (grid_id, community_id) REFERENCES grids (id, community_id)
);

-- A signed-in browser or app. The token itself is never stored, only its BLAKE2b-256 hash; every
-- request looks its session up by that hash (the UNIQUE index).
CREATE TABLE sessions (
  id {{ID}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  token_hash {{BLOB}} NOT NULL UNIQUE,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  revoked_at BIGINT,
  remote_address TEXT NOT NULL,
  user_agent TEXT NOT NULL,
  CHECK (expires_at > created_at)
);
CREATE INDEX sessions_user ON sessions (user_id);

-- Every login attempt, for rate limiting. In the database rather than in memory because several
-- stateless servers behind a load balancer must count the same failures; a guesser who lands on
-- another server is still stopped. Rows older than the throttle window are purged.
CREATE TABLE login_attempts (
  id {{ID}},
  login TEXT NOT NULL,  -- as typed (lower-cased), whether or not such an account exists
  remote_address TEXT NOT NULL,
  attempted_at BIGINT NOT NULL,
  succeeded INTEGER NOT NULL CHECK (succeeded IN (0, 1))
);
CREATE INDEX login_attempts_login ON login_attempts (login, succeeded, attempted_at);
CREATE INDEX login_attempts_address ON login_attempts (remote_address, succeeded, attempted_at);
CREATE INDEX login_attempts_at ON login_attempts (attempted_at);

-- Who did what to which record, and every read of personal data. Append-only: the application
-- never updates or deletes a row (on PostgreSQL, grant the server's role INSERT and SELECT only).
CREATE TABLE audit_log (
  id {{ID}},
  at BIGINT NOT NULL,
  user_id BIGINT REFERENCES users (id),  -- NULL for the system and for unknown logins
  login TEXT NOT NULL,
  action TEXT NOT NULL,        -- 'user.create', 'session.login', 'resident.read_id_number', ...
  record_type TEXT NOT NULL,   -- 'user', 'session', 'resident', ...
  record_id TEXT NOT NULL,     -- '' when there is none
  community_id BIGINT REFERENCES communities (id),
  remote_address TEXT NOT NULL,
  request_id TEXT NOT NULL,
  detail TEXT
);
CREATE INDEX audit_log_community_at ON audit_log (community_id, at);
CREATE INDEX audit_log_user_at ON audit_log (user_id, at);
CREATE INDEX audit_log_at ON audit_log (at);
