-- API keys can expire and be revoked, and say when they were last used (issue 15).
-- A revoked or expired key is refused on every instance at once: authentication reads these columns on each request.
-- last_used_at is written at most about once a minute per key, not on every request.
ALTER TABLE api_key ADD COLUMN expires_at BIGINT;
ALTER TABLE api_key ADD COLUMN revoked_at BIGINT;
ALTER TABLE api_key ADD COLUMN last_used_at BIGINT;
