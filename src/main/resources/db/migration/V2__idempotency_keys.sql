-- One row per (account, Idempotency-Key): the request's fingerprint, its state
-- (in_flight, done, unknown) and, once done, the answer its retries get.
CREATE TABLE idempotency_keys (
  account_id VARCHAR(64) NOT NULL,
  idempotency_key VARCHAR(255) NOT NULL,
  fingerprint TEXT NOT NULL,
  state TEXT NOT NULL,
  status INTEGER,
  content_type TEXT,
  headers TEXT,
  body TEXT,
  remote_id TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  PRIMARY KEY (account_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expiry ON idempotency_keys (expires_at);
