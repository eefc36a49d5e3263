-- Each report's own indicators and link keys, so staff can split a campaign and both halves
-- get the right counts and keys back.
ALTER TABLE campaign_report ADD COLUMN indicators TEXT[] NOT NULL DEFAULT '{}';  -- "TYPE value", shown ones
ALTER TABLE campaign_report ADD COLUMN link_keys  TEXT[] NOT NULL DEFAULT '{}';
