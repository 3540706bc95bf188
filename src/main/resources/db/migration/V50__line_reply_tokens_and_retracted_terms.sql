-- LINE (issue 12). A reply token answers one event once: the outbox entry that takes it is recorded here before it
-- is used, so a second reply to the same event pushes instead, and an entry whose reply had an unknown outcome knows
-- the token was its own. The token itself is in outbox.reply_handle; this keeps its SHA-256.
CREATE TABLE line_reply_token (
    token_hash  VARCHAR(64) NOT NULL PRIMARY KEY,
    outbox_id   BIGINT      NOT NULL,
    claimed_at  BIGINT      NOT NULL
);

-- A term whose message the sender took back (LINE unsend, a deleted Teams message) is kept and marked.
ALTER TABLE ledger_entry ADD COLUMN retracted_at BIGINT;
