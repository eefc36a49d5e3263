-- Lets the retention job find texts to purge without reading every grouped report.
CREATE INDEX campaign_report_unpurged ON campaign_report (received_at) WHERE message IS NOT NULL;
