-- Room members as the channel last reported them (or as seen speaking, when the channel cannot tell).
CREATE TABLE room_member (
    channel     VARCHAR(32)  NOT NULL,
    room_id     VARCHAR(64)  NOT NULL,
    account_id  VARCHAR(64)  NOT NULL,
    name        VARCHAR(200),
    source      VARCHAR(16)  NOT NULL,   -- channel | seen
    updated_at  BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id, account_id)
);

-- The freelancer(s) of a room. Bound at first sight, or by the register command; a party that registers as a
-- freelancer later does not become one in a room that is already bound.
CREATE TABLE room_freelancer (
    channel     VARCHAR(32)  NOT NULL,
    room_id     VARCHAR(64)  NOT NULL,
    account_id  VARCHAR(64)  NOT NULL,
    bound_by    VARCHAR(100) NOT NULL,
    bound_at    BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id, account_id)
);

-- Each message version the bot acted on, once: a second delivery of the same version (a mention_to_me beside a
-- message_created, or a redelivery) does nothing.
CREATE TABLE handled_message (
    channel      VARCHAR(32)  NOT NULL,
    room_id      VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    version      BIGINT       NOT NULL,
    handled_at   BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id, message_id, version)
);

-- Findings already alerted on, per message: an edit that keeps a finding does not alert again.
CREATE TABLE alerted_finding (
    channel      VARCHAR(32)  NOT NULL,
    room_id      VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    finding_key  VARCHAR(300) NOT NULL,
    alerted_at   BIGINT       NOT NULL,
    PRIMARY KEY (channel, room_id, message_id, finding_key)
);

-- Every reply, written before anything is sent.
CREATE TABLE outbox (
    id                 ${id_pk},
    channel            VARCHAR(32)  NOT NULL,
    room_id            VARCHAR(64)  NOT NULL,
    kind               VARCHAR(32)  NOT NULL,
    -- pending, sending (claimed; outcome not yet known), sent, held (dry run), dead (gave up)
    status             VARCHAR(16)  NOT NULL,
    body               TEXT         NOT NULL,
    addressees         TEXT         NOT NULL,
    cooldown_key       VARCHAR(200) NOT NULL,
    trigger_rule       VARCHAR(200),
    trigger_message_id VARCHAR(128),
    trigger_match      TEXT,
    attempts           INTEGER      NOT NULL DEFAULT 0,
    -- times a claim was found without an outcome after a crash; such a row is retried at most once
    recoveries         INTEGER      NOT NULL DEFAULT 0,
    last_error         TEXT,
    created_at         BIGINT       NOT NULL,
    available_at       BIGINT       NOT NULL,
    lease_owner        VARCHAR(64),
    sent_at            BIGINT,
    remote_message_id  VARCHAR(128)
);

CREATE INDEX outbox_due ON outbox (status, available_at, id);
CREATE INDEX outbox_room_cooldown ON outbox (channel, room_id, cooldown_key, created_at);
CREATE INDEX outbox_room_created ON outbox (channel, room_id, created_at);
