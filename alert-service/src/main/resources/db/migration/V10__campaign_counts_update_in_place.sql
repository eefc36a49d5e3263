-- Grouping updates a campaign's report_count and last_seen for nearly every report. The index on
-- (status, last_seen) was read by no query (the console sorts by an expression of last_seen), yet
-- it made each of those updates a new row version in both of campaign's indexes. Indexed by status
-- alone (what the console filters on), with room kept on each page, the update is HOT: same page,
-- no index touched. The table holds one row per campaign: the room costs little.
DROP INDEX campaign_status_last_seen;
CREATE INDEX campaign_status ON campaign (status);
ALTER TABLE campaign SET (fillfactor = 50);
