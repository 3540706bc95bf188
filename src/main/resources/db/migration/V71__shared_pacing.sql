-- Posting limits belong to the bot's account, not to a process: every instance on one database paces its posts
-- from these rows. pacing_post holds the posts of each channel within its windows, per room and (scope '') for the
-- whole account; pacing_block the blocks a channel imposed by refusing a post; pacing_channel the freshest budget
-- any instance heard the channel announce, and the row a reservation locks so that two instances never take the
-- last free slot together.
CREATE TABLE pacing_channel (
    channel          VARCHAR(32) PRIMARY KEY,
    reservations     BIGINT      NOT NULL,
    budget_remaining INTEGER,
    budget_reset     BIGINT,
    budget_seen_at   BIGINT
);

CREATE TABLE pacing_post (
    id        ${id_pk},
    channel   VARCHAR(32)  NOT NULL,
    scope     VARCHAR(256) NOT NULL,
    posted_at BIGINT       NOT NULL
);
CREATE INDEX pacing_post_window ON pacing_post (channel, scope, posted_at);

CREATE TABLE pacing_block (
    channel       VARCHAR(32)  NOT NULL,
    scope         VARCHAR(256) NOT NULL,
    blocked_until BIGINT       NOT NULL,
    PRIMARY KEY (channel, scope)
);

-- A claim looks for an earlier reply of the same room still on its way or due (the replies of a room go out in
-- order across instances).
CREATE INDEX outbox_room_order ON outbox (channel, room_id, status, id);
