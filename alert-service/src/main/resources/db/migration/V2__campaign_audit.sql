-- Who did what to a campaign, when and why: shown on the campaign and never updated.
CREATE TABLE campaign_audit (
    id          BIGSERIAL   PRIMARY KEY,
    campaign_id UUID        NOT NULL REFERENCES campaign (id),
    at          TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor       TEXT        NOT NULL,
    action      TEXT        NOT NULL,
    detail      TEXT
);
CREATE INDEX campaign_audit_campaign ON campaign_audit (campaign_id, at);
