-- Every webhook delivery the service acknowledged, kept until processed (and afterwards, for the record).
-- A delivery is the same when channel, event type, message id and update time match: stored once.
CREATE TABLE inbox_event (
    id           ${id_pk},
    channel      VARCHAR(32)  NOT NULL,
    event_type   VARCHAR(64)  NOT NULL,
    message_id   VARCHAR(128) NOT NULL,
    update_time  BIGINT       NOT NULL,
    room_id      VARCHAR(64),
    payload      TEXT         NOT NULL,
    -- pending (to process), done, ignored (nothing to act on), failed (gave up after max attempts)
    status       VARCHAR(16)  NOT NULL,
    note         TEXT,
    attempts     INTEGER      NOT NULL DEFAULT 0,
    last_error   TEXT,
    received_at  BIGINT       NOT NULL,
    -- a pending row is not taken before this time: the lease of the worker holding it, or a retry backoff
    available_at BIGINT       NOT NULL,
    lease_owner  VARCHAR(64),
    processed_at BIGINT,
    CONSTRAINT inbox_event_delivery UNIQUE (channel, event_type, message_id, update_time)
);

CREATE INDEX inbox_event_due ON inbox_event (status, available_at, id);
