-- How far each operator is with the blocks of a campaign (from operator-gateway's block.acknowledged).
CREATE TABLE campaign_block (
    campaign_id  UUID        NOT NULL,
    operator_id  TEXT        NOT NULL,
    action       TEXT        NOT NULL,                    -- BLOCK | LIFT
    status       TEXT        NOT NULL,                    -- APPLIED | REJECTED
    applied_at   TIMESTAMPTZ,
    comment      TEXT,
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (campaign_id, operator_id, action)
);
