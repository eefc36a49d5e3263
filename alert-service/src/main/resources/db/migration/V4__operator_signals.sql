-- What operators' networks saw (operator.signal.received), attached to the campaign they match.
CREATE TABLE campaign_signal (
    signal_id      UUID        PRIMARY KEY,
    campaign_id    UUID        NOT NULL REFERENCES campaign (id),
    operator_id    TEXT        NOT NULL,
    observed_calls INTEGER,
    note           TEXT,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX campaign_signal_campaign ON campaign_signal (campaign_id);
