-- Issue 14: a registry change reaches the room at once. Expiry is derived from valid_until, never stored as a status,
-- so the time its notice was promised is kept here: the expiry pass notices each application once, on any instance.
ALTER TABLE application ADD COLUMN expiry_noticed_at BIGINT;
CREATE INDEX application_expiring ON application (valid_until, expiry_noticed_at);

-- Replies sent privately about a room count against that room's cooldowns and budget.
CREATE INDEX outbox_about_room ON outbox (channel, about_room_id);
