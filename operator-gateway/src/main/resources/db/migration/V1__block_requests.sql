-- operator-gateway owns the operators, the block requests they pull and what they answered.

CREATE TABLE operator (
    id            TEXT   PRIMARY KEY,             -- the operator_id claim of the operator's client
    name          TEXT   NOT NULL,
    last_sequence BIGINT NOT NULL DEFAULT 0       -- see block_request.sequence
);
INSERT INTO operator (id, name) VALUES ('proximus', 'Proximus'), ('orange', 'Orange Belgium'), ('telenet', 'Telenet');

-- One request per operator per confirmed (BLOCK) or lifted (LIFT) campaign.
-- sequence: the operator's feed position. It is taken from operator.last_sequence with a row lock
-- held until commit, so positions commit in order and a reader paging with "after" never passes a
-- position that a slower transaction has yet to commit (a plain sequence would: its values are
-- handed out in order but committed in any order).
CREATE TABLE block_request (
    id              UUID        PRIMARY KEY,
    operator_id     TEXT        NOT NULL REFERENCES operator (id),
    sequence        BIGINT      NOT NULL,
    action          TEXT        NOT NULL,         -- BLOCK | LIFT
    campaign_id     UUID        NOT NULL,
    reason          TEXT        NOT NULL,
    indicators      JSONB       NOT NULL,         -- [{"type", "value", "direction"}]
    issued_at       TIMESTAMPTZ NOT NULL,
    expires_at      TIMESTAMPTZ NOT NULL,
    status          TEXT        NOT NULL DEFAULT 'PENDING',  -- PENDING | APPLIED | REJECTED | EXPIRED
    acknowledged_at TIMESTAMPTZ,
    applied_at      TIMESTAMPTZ,
    comment         TEXT,
    UNIQUE (operator_id, sequence)
);
CREATE INDEX block_request_campaign ON block_request (campaign_id);
CREATE INDEX block_request_pending_expiry ON block_request (expires_at) WHERE status = 'PENDING';

-- Indicators never sent because they are or cover a protected number, with what was sent instead.
CREATE TABLE block_refusal (
    id               BIGSERIAL   PRIMARY KEY,
    campaign_id      UUID        NOT NULL,
    type             TEXT        NOT NULL,
    value            TEXT        NOT NULL,
    direction        TEXT        NOT NULL,
    protected_number TEXT        NOT NULL,
    narrowed_to      TEXT[]      NOT NULL DEFAULT '{}',   -- sub-ranges sent instead; empty: refused outright
    at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (campaign_id, type, value, direction)
);

-- Every pull, acknowledgement and signal, by whom and when: never updated.
CREATE TABLE operator_audit (
    id          BIGSERIAL   PRIMARY KEY,
    operator_id TEXT        NOT NULL,
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    action      TEXT        NOT NULL,             -- PULL | ACK | SIGNAL
    detail      TEXT
);
CREATE INDEX operator_audit_operator ON operator_audit (operator_id, at);
