-- Failed credential checks through a link: the link is spent after a few, so it cannot be
-- used to try credentials against a provider.
ALTER TABLE link_tokens ADD COLUMN failed_checks INTEGER NOT NULL DEFAULT 0;

-- The SHA-256 of a nonce kept in a cookie of the browser that started an OAuth sign-in: the
-- callback completes only in that browser.
ALTER TABLE oauth_states ADD COLUMN browser_hash VARCHAR(64);

-- Expired and spent rows are purged on a schedule; these find them.
CREATE INDEX link_tokens_expires ON link_tokens (expires_at);
CREATE INDEX oauth_states_expires ON oauth_states (expires_at);
CREATE INDEX webhook_outbox_delivered ON webhook_outbox (delivered_at);
