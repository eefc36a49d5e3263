-- report-service owns reports, per-number statistics, verdict inputs and protected numbers.

CREATE TABLE report (
    id               UUID        PRIMARY KEY,
    receipt_hash     BYTEA       NOT NULL,            -- SHA-256 of the receipt; the receipt itself is never stored
    channel          TEXT        NOT NULL,
    sender_kind      TEXT,                            -- PHONE | ALPHANUMERIC | EMAIL | URL; null when withheld
    sender_value     TEXT,                            -- E.164 for PHONE, else the normalised value
    sender_withheld  BOOLEAN     NOT NULL,
    callback_e164    TEXT,
    message          TEXT,                            -- raw text, purged after the retention period
    urls             TEXT,                            -- JSON array of the web addresses found in the message
    language         TEXT        NOT NULL,
    occurred_at      TIMESTAMPTZ NOT NULL,
    received_at      TIMESTAMPTZ NOT NULL,
    campaign_id      UUID,                            -- from report.linked
    message_purged   BOOLEAN     NOT NULL DEFAULT false
);
CREATE INDEX report_unpurged_received_at ON report (received_at) WHERE NOT message_purged;
CREATE INDEX report_campaign ON report (campaign_id);

-- Maintained as reports arrive, so a lookup never counts reports.
CREATE TABLE number_stats (
    e164               TEXT        PRIMARY KEY,
    total_reports      INTEGER     NOT NULL,
    first_reported_at  TIMESTAMPTZ NOT NULL,
    last_reported_at   TIMESTAMPTZ NOT NULL,
    campaign_id        UUID
);

-- Reports per number and day: "last 30 days" sums at most 31 rows.
CREATE TABLE number_daily (
    e164    TEXT    NOT NULL,
    day     DATE    NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (e164, day)
);

-- What report-service knows of campaigns, from alert-service's and operator-gateway's events.
CREATE TABLE campaign_view (
    id         UUID        PRIMARY KEY,
    title      TEXT,
    status     TEXT        NOT NULL,                 -- CANDIDATE | CONFIRMED | DISMISSED | LIFTED
    alert_id   UUID,
    alert_url  TEXT,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Operators that applied a block for a campaign (block.acknowledged with status APPLIED).
CREATE TABLE campaign_block (
    campaign_id UUID NOT NULL,
    operator_id TEXT NOT NULL,
    status      TEXT NOT NULL,
    PRIMARY KEY (campaign_id, operator_id)
);

-- Numbers, callback numbers and ranges (E.164 prefixes) of confirmed campaigns.
CREATE TABLE confirmed_indicator (
    value       TEXT NOT NULL,
    campaign_id UUID NOT NULL,
    type        TEXT NOT NULL,                       -- NUMBER | CALLBACK_NUMBER | NUMBER_RANGE
    PRIMARY KEY (value, campaign_id)
);

-- Numbers that always answer PROTECTED (emergency and official lines); staff may add more.
CREATE TABLE protected_number (
    e164     TEXT        PRIMARY KEY,                 -- E.164, or the digits of a short number
    label    TEXT        NOT NULL,
    added_by TEXT        NOT NULL,
    added_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO protected_number (e164, label, added_by) VALUES
    ('112', 'European emergency number', 'seed'),
    ('100', 'Ambulance and fire brigade', 'seed'),
    ('101', 'Police', 'seed'),
    ('+3278170170', 'Card Stop', 'seed'),
    ('116000', 'Child Focus', 'seed');

-- Idempotency-Key: a retry gets the first answer. Kept for a day (it holds the receipt).
CREATE TABLE idempotency_record (
    key          TEXT        PRIMARY KEY,
    request_hash BYTEA       NOT NULL,
    report_id    UUID,
    response     TEXT,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX idempotency_record_created_at ON idempotency_record (created_at);
