-- The registry: parties, off-platform contact applications, API keys and the audit log (issue 3).
-- Nothing here is ever deleted: an application only changes status, and every change is an audit entry.
-- Enumerated values are stored in lower case, as the API writes them. Times are epoch milliseconds.

-- A freelancer or a client, once per account of a channel.
CREATE TABLE party (
    id          ${id_pk},
    channel     VARCHAR(32)   NOT NULL,
    account_id  VARCHAR(256)  NOT NULL,
    role        VARCHAR(16)   NOT NULL,
    name        VARCHAR(200),
    profile_url VARCHAR(2000),
    created_at  BIGINT        NOT NULL,
    CONSTRAINT party_account UNIQUE (channel, account_id),
    CONSTRAINT party_role CHECK (role IN ('freelancer', 'client'))
);

-- サービス外連絡申請 and its kin: one platform application pairing a client with a freelancer on one channel.
CREATE TABLE application (
    id                    ${id_pk},
    platform              VARCHAR(32)   NOT NULL,
    reference             VARCHAR(200)  NOT NULL,
    channel               VARCHAR(32)   NOT NULL,
    client_account_id     VARCHAR(256)  NOT NULL,
    freelancer_account_id VARCHAR(256)  NOT NULL,
    -- null: the application covers the pairing in any room
    room_id               VARCHAR(256),
    -- 'expired' is never stored: it is derived from valid_until when read
    status                VARCHAR(16)   NOT NULL,
    filed_by              VARCHAR(16)   NOT NULL,
    valid_until           BIGINT,
    evidence_url          VARCHAR(2000),
    note                  VARCHAR(2000),
    created_at            BIGINT        NOT NULL,
    updated_at            BIGINT        NOT NULL,
    CONSTRAINT application_status CHECK (status IN ('claimed', 'confirmed', 'denied', 'revoked')),
    CONSTRAINT application_filed_by CHECK (filed_by IN ('client', 'freelancer', 'operator'))
);

-- The gate asks on every message: is this counterpart (as client) covered with one of the room's freelancers?
CREATE INDEX application_coverage ON application (channel, client_account_id, freelancer_account_id);
-- A freelancer's own applications (a client's use the index above).
CREATE INDEX application_freelancer ON application (channel, freelancer_account_id);

-- Only the SHA-256 of a key is kept; the key itself is shown once when it is created.
CREATE TABLE api_key (
    id         ${id_pk},
    key_hash   VARCHAR(64)  NOT NULL,
    role       VARCHAR(16)  NOT NULL,
    channel    VARCHAR(32),
    account_id VARCHAR(256),
    name       VARCHAR(200),
    created_at BIGINT       NOT NULL,
    CONSTRAINT api_key_hash UNIQUE (key_hash),
    CONSTRAINT api_key_binding CHECK (
        (role = 'operator' AND channel IS NULL AND account_id IS NULL)
        OR (role IN ('freelancer', 'client') AND channel IS NOT NULL AND account_id IS NOT NULL))
);

-- Append-only: the code has no UPDATE or DELETE for it.
CREATE TABLE audit_entry (
    id            ${id_pk},
    at            BIGINT        NOT NULL,
    actor         VARCHAR(400)  NOT NULL,
    action        VARCHAR(64)   NOT NULL,
    subject       VARCHAR(64)   NOT NULL,
    status_before VARCHAR(16),
    status_after  VARCHAR(16),
    detail        TEXT
);

CREATE INDEX audit_entry_at ON audit_entry (at);
CREATE INDEX audit_entry_subject ON audit_entry (subject);
