-- The shared client-side rate limit (generic cell rate algorithm): per integrated account,
-- the theoretical arrival time of its next call, in microseconds since the epoch on the
-- database's clock, so every process sharing the database keeps one rate between them.
CREATE TABLE rate_slots (
  account_id VARCHAR(64) PRIMARY KEY,
  next_at_micros BIGINT NOT NULL
);
