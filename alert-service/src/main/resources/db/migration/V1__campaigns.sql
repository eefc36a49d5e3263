-- alert-service owns campaigns and what links reports into them.

CREATE TABLE campaign (
    id           UUID        PRIMARY KEY,
    status       TEXT        NOT NULL DEFAULT 'CANDIDATE',  -- CANDIDATE | CONFIRMED | DISMISSED | LIFTED | MERGED
    merged_into  UUID        REFERENCES campaign (id),
    title        TEXT,
    report_count INTEGER     NOT NULL DEFAULT 0,
    first_seen   TIMESTAMPTZ,
    last_seen    TIMESTAMPTZ,
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaign_status_last_seen ON campaign (status, last_seen DESC);

-- Which campaign each report belongs to (the text is kept for samples, purged with the report's).
CREATE TABLE campaign_report (
    report_id   UUID        PRIMARY KEY,
    campaign_id UUID        NOT NULL REFERENCES campaign (id),
    channel     TEXT        NOT NULL,
    region      TEXT,
    sender      TEXT,
    message     TEXT,
    received_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX campaign_report_campaign ON campaign_report (campaign_id, received_at DESC);

-- One campaign per link key ("NUMBER:+39…", "URL_DOMAIN:dhl-pakket.net", "TEXT:3:9f…"): the
-- primary key is what stops two concurrent consumers from opening two campaigns for one indicator.
CREATE TABLE link_key (
    key         TEXT PRIMARY KEY,
    campaign_id UUID NOT NULL REFERENCES campaign (id)
);
CREATE INDEX link_key_campaign ON link_key (campaign_id);

-- The indicators shown for a campaign, with how many of its reports carry each.
CREATE TABLE campaign_indicator (
    campaign_id  UUID    NOT NULL REFERENCES campaign (id),
    type         TEXT    NOT NULL,
    value        TEXT    NOT NULL,
    report_count INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, type, value)
);

-- Numbers seen per 100-number block, to tell when a block is hot enough to link as a range.
CREATE TABLE number_block (
    block     TEXT        NOT NULL,
    e164      TEXT        NOT NULL,
    last_seen TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (block, e164)
);
