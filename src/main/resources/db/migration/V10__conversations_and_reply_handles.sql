-- Channels beyond Chatwork (issue 11): what a channel needs to post in a room later, how to reach a person
-- privately, and what each reply carries besides its text.

-- What the latest event of a room said about posting there (Teams: the service URL the token named, the tenant,
-- the bot's id). Opaque to everyone but its channel; a newer event replaces an older one.
CREATE TABLE conversation (
    channel     VARCHAR(32)  NOT NULL,
    room_id     VARCHAR(256) NOT NULL,
    reference   TEXT         NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id)
);

-- How to reach a person privately on a channel (Teams: the per-bot 29: id and the 1:1 conversation; Chatwork: the
-- direct chat with the bot). Opaque to everyone but its channel.
CREATE TABLE person_route (
    channel     VARCHAR(32)  NOT NULL,
    account_id  VARCHAR(256) NOT NULL,
    route       TEXT         NOT NULL,
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (channel, account_id)
);

-- What else the channel needs to post the reply (Teams: the mention entities), as its renderer wrote it.
ALTER TABLE outbox ADD COLUMN payload TEXT;
-- What answers the triggering event in particular (a Teams thread, a LINE reply token) and until when it is usable.
ALTER TABLE outbox ADD COLUMN reply_handle TEXT;
ALTER TABLE outbox ADD COLUMN reply_handle_expires_at BIGINT;
-- The same on every attempt of one entry, so a channel that takes one can refuse a second post (LINE X-Line-Retry-Key).
ALTER TABLE outbox ADD COLUMN idempotency_key VARCHAR(64);
-- A reply sent privately about a room names the room here (room_id is then the private conversation).
ALTER TABLE outbox ADD COLUMN about_room_id VARCHAR(256);

-- Teams conversation ids ("19:…@thread.tacv2", "a:1…") are longer than Chatwork's numbers.
${postgres_only}ALTER TABLE inbox_event ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE room_member ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE room_member ALTER COLUMN account_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE room_freelancer ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE room_freelancer ALTER COLUMN account_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE handled_message ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE alerted_finding ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE outbox ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE ledger_entry ALTER COLUMN room_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE ledger_entry ALTER COLUMN sender_id TYPE VARCHAR(256);
${postgres_only}ALTER TABLE ledger_entry ALTER COLUMN answered_by TYPE VARCHAR(256);
${postgres_only}ALTER TABLE room_activity ALTER COLUMN room_id TYPE VARCHAR(256);
