-- Public warnings. An alert is drafted (analyst), published by a second person (publisher), and
-- may be updated (a new alert that replaces it: CAP msgType Update) or withdrawn (CAP Cancel).
CREATE TABLE alert (
    id           UUID        PRIMARY KEY,
    campaign_id  UUID        REFERENCES campaign (id),
    severity     TEXT        NOT NULL,                    -- Extreme | Severe | Moderate | Minor
    status       TEXT        NOT NULL DEFAULT 'DRAFT',    -- DRAFT | PUBLISHED | SUPERSEDED | WITHDRAWN
    replaces     UUID        REFERENCES alert (id),       -- the published alert this one updates
    created_by   TEXT        NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    published_by TEXT,
    published_at TIMESTAMPTZ,
    withdrawn_by TEXT,
    withdrawn_at TIMESTAMPTZ,
    expires_at   TIMESTAMPTZ,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX alert_published ON alert (published_at DESC) WHERE status = 'PUBLISHED';

-- Headline, description and instruction in each of fr, nl, de and en.
CREATE TABLE alert_text (
    alert_id    UUID NOT NULL REFERENCES alert (id),
    language    TEXT NOT NULL,
    headline    TEXT NOT NULL,
    description TEXT NOT NULL,
    instruction TEXT NOT NULL,
    PRIMARY KEY (alert_id, language)
);
