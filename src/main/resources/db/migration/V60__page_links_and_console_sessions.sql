-- Web pages (issue 16): single-use action links the bot posts, the one-time codes that prove who opened a link posted
-- in a shared room, and operator console sessions. Only hashes of the secrets are stored. Times are epoch milliseconds.

-- A link bound to one person, one room and one action (the client's page, the freelancer's page).
CREATE TABLE page_link (
    id          ${id_pk},
    token_hash  VARCHAR(64)   NOT NULL,
    channel     VARCHAR(32)   NOT NULL,
    account_id  VARCHAR(256)  NOT NULL,
    room_id     VARCHAR(256)  NOT NULL,
    action      VARCHAR(16)   NOT NULL,
    -- true: sent through the person's private route; false: posted in the room, so acting needs a one-time code
    sent_privately BOOLEAN    NOT NULL,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    -- set once, by the POST that acted; a used link is refused
    used_at     BIGINT,
    CONSTRAINT page_link_token UNIQUE (token_hash),
    CONSTRAINT page_link_action CHECK (action IN ('client', 'freelancer'))
);

-- A code shown to one browser that opened a room-posted link; the person proves who they are by posting it in the
-- room. browser_hash binds it to the browser that asked, so the other side of the room cannot use it.
CREATE TABLE page_code (
    id           ${id_pk},
    link_id      BIGINT        NOT NULL REFERENCES page_link (id),
    code_hash    VARCHAR(64)   NOT NULL,
    browser_hash VARCHAR(64)   NOT NULL,
    created_at   BIGINT        NOT NULL,
    expires_at   BIGINT        NOT NULL,
    verified_at  BIGINT
);
CREATE INDEX page_code_link ON page_code (link_id);
CREATE INDEX page_code_code ON page_code (code_hash);

-- An operator signed in to the console with an operator key.
CREATE TABLE console_session (
    id          ${id_pk},
    token_hash  VARCHAR(64)   NOT NULL,
    csrf_token  VARCHAR(64)   NOT NULL,
    -- the stored key the operator signed in with; null for the bootstrap key (CONTRACTGATE_OPERATOR_KEY)
    key_id      BIGINT,
    created_at  BIGINT        NOT NULL,
    expires_at  BIGINT        NOT NULL,
    ended_at    BIGINT,
    CONSTRAINT console_session_token UNIQUE (token_hash)
);
CREATE INDEX console_session_key ON console_session (key_id);
