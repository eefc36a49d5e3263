-- report.linked sets report.campaign_id on every report, at the intake's rate. The index on
-- campaign_id was read by no query, yet it made each of those updates a new row version in every
-- index of report (three index writes per report, and one more at the insert). Without it, and
-- with room kept on each page for the new version, the update is HOT: same page, no index touched.
DROP INDEX report_campaign;
ALTER TABLE report SET (fillfactor = 80);
