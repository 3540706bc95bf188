-- Every negotiation term found in a room: nothing is overwritten; the latest value of a term type is the current one.
CREATE TABLE ledger_entry (
    id          ${id_pk},
    channel     VARCHAR(32)  NOT NULL,
    room_id     VARCHAR(64)  NOT NULL,
    message_id  VARCHAR(128) NOT NULL,
    sender_id   VARCHAR(64)  NOT NULL,
    said_at     BIGINT       NOT NULL,
    -- amount, rate, deadline, scope, payment, revisions, nda, other
    term_type   VARCHAR(16)  NOT NULL,
    -- normalised: amounts in yen as an integer, dates in ISO 8601
    value       VARCHAR(300) NOT NULL,
    -- the passage as written
    text        TEXT         NOT NULL,
    -- 1 when the message asked rather than stated ("5万円でいかがでしょうか？")
    question    INTEGER      NOT NULL DEFAULT 0,
    -- who accepted a proposal made as a question, and when
    answered_by VARCHAR(64),
    answered_at BIGINT,
    recorded_at BIGINT       NOT NULL,
    CONSTRAINT ledger_entry_once UNIQUE (channel, room_id, message_id, term_type, value)
);

CREATE INDEX ledger_entry_room ON ledger_entry (channel, room_id, said_at, id);

-- What the reminders need to know of a room; updated with each message, each summary and each reminder, in the
-- same transaction, so a restart neither loses nor doubles a reminder.
CREATE TABLE room_activity (
    channel               VARCHAR(32) NOT NULL,
    room_id               VARCHAR(64) NOT NULL,
    last_message_at       BIGINT      NOT NULL,
    -- the gate state as of the last look, and since when the room has been in it
    gate_state            VARCHAR(16) NOT NULL,
    state_since           BIGINT      NOT NULL,
    state_reminded_at     BIGINT,
    terms_changed_at      BIGINT,
    summary_at            BIGINT,
    summary_nudged_at     BIGINT,
    PRIMARY KEY (channel, room_id)
);

CREATE INDEX room_activity_recent ON room_activity (last_message_at);
