-- Link tokens for the connect page: single use, 30 minutes, one environment. Only the
-- token's SHA-256 is kept, as for API tokens.
CREATE TABLE link_tokens (
  token_hash VARCHAR(64) PRIMARY KEY,
  environment VARCHAR(64) NOT NULL,
  tenant_id TEXT,
  integrated_account_id VARCHAR(64),
  integrations TEXT NOT NULL,
  redirect_uri TEXT,
  origin TEXT,
  expires_at BIGINT NOT NULL,
  used_at BIGINT,
  created_at BIGINT NOT NULL
);

-- OAuth authorization requests in flight: the state sent to the provider, bound to one
-- link token and integration, usable once.
CREATE TABLE oauth_states (
  state_hash VARCHAR(64) PRIMARY KEY,
  token_hash VARCHAR(64) NOT NULL,
  integration VARCHAR(64) NOT NULL,
  code_verifier TEXT,
  expires_at BIGINT NOT NULL,
  used_at BIGINT
);

-- Webhooks of an environment; the signing secret is sealed like account contexts.
CREATE TABLE webhooks (
  id VARCHAR(64) PRIMARY KEY,
  environment VARCHAR(64) NOT NULL,
  url TEXT NOT NULL,
  events TEXT NOT NULL,
  secret TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX webhooks_environment ON webhooks (environment);

-- The outbox: one row per event and webhook, written in the same transaction as the
-- account change it reports. A process claims due rows for a lease, so each is delivered
-- by one process at a time; delivered_at or dead end it.
CREATE TABLE webhook_outbox (
  id VARCHAR(64) PRIMARY KEY,
  webhook_id VARCHAR(64) NOT NULL,
  event_type VARCHAR(64) NOT NULL,
  payload TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  next_attempt_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  locked_by VARCHAR(64),
  locked_until BIGINT,
  delivered_at BIGINT,
  dead INTEGER NOT NULL DEFAULT 0,
  last_status INTEGER,
  last_error TEXT
);
CREATE INDEX webhook_outbox_due ON webhook_outbox (delivered_at, dead, next_attempt_at);
CREATE INDEX webhook_outbox_webhook ON webhook_outbox (webhook_id, created_at);
