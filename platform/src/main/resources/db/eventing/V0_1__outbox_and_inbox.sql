-- The event backbone's two tables, shared by every service (each in its own database).

-- Transactional outbox: written in the same transaction as the domain change, sent by OutboxRelay.
CREATE TABLE outbox_event (
    seq         BIGSERIAL   PRIMARY KEY,          -- relay order
    id          UUID        NOT NULL UNIQUE,      -- CloudEvents id = AMQP message-id
    type        TEXT        NOT NULL,
    routing_key TEXT        NOT NULL,
    payload     TEXT        NOT NULL,             -- the whole envelope, sent as written
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at     TIMESTAMPTZ                       -- set once the broker confirmed it
);
CREATE INDEX outbox_event_unsent ON outbox_event (seq) WHERE sent_at IS NULL;
CREATE INDEX outbox_event_sent_at ON outbox_event (sent_at) WHERE sent_at IS NOT NULL;

-- Idempotent inbox: one row per (consumer queue, event) applied; inserted in the effect's transaction.
CREATE TABLE processed_event (
    consumer     TEXT        NOT NULL,
    event_id     UUID        NOT NULL,
    processed_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (consumer, event_id)
);
CREATE INDEX processed_event_processed_at ON processed_event (processed_at);
