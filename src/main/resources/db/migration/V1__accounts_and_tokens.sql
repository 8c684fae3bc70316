-- The same SQL runs on SQLite and PostgreSQL: text columns and fixed-width keys only.
-- Timestamps are fixed-width ISO-8601 UTC text, so text order is time order.
CREATE TABLE integrated_accounts (
  id VARCHAR(64) PRIMARY KEY,
  environment TEXT NOT NULL,
  integration TEXT NOT NULL,
  tenant_id TEXT NOT NULL,
  status TEXT NOT NULL,
  -- AES-256-GCM ciphertext of the context JSON; never plaintext.
  context TEXT NOT NULL,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX integrated_accounts_tenant ON integrated_accounts (environment, tenant_id, created_at);

CREATE TABLE api_tokens (
  id VARCHAR(64) PRIMARY KEY,
  environment TEXT NOT NULL,
  name TEXT NOT NULL,
  -- SHA-256 of the token; the token itself is shown once and never stored.
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
