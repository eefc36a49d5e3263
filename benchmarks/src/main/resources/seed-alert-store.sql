-- Fills alert-service's store with :reports already-grouped reports (psql -v reports=1000000), shaped
-- as grouping leaves them: 20 reports per campaign, each report's number, its 100-block row, its
-- indicator count and link key, and 16 text-band keys per SMS campaign. The numbers (+3907…) and
-- bands sit in the same indexes the benchmark's live traffic uses, so every lookup walks the full-
-- size B-trees; they are 30 days old, outside the range window, as most of a real store would be.
-- Their ids are time-ordered, 30 to 40 days old.
\set ON_ERROR_STOP on
SELECT :reports / 20 AS campaigns \gset
BEGIN;
\ir time-ordered-id.sql
CREATE TEMP TABLE seed_campaign ON COMMIT DROP AS
SELECT c, pg_temp.time_ordered_id(now() - interval '40 days' + c * interval '1 ms', 'seed-campaign-' || c) AS id
FROM generate_series(0, :campaigns - 1) c;

INSERT INTO campaign (id, status, title, report_count, first_seen, last_seen, created_at, updated_at)
SELECT id, 'CANDIDATE', 'Seeded campaign ' || c, 20,
       now() - interval '40 days', now() - interval '30 days', now() - interval '40 days', now() - interval '30 days'
FROM seed_campaign;

CREATE TEMP TABLE seed ON COMMIT DROP AS
SELECT pg_temp.time_ordered_id(now() - interval '30 days' + r * interval '1 ms', 'seed-report-' || r) AS report_id,
       seed_campaign.id AS campaign_id,
       CASE WHEN r % 2 = 0 THEN 'CALL' ELSE 'SMS' END AS channel,
       '+3907' || lpad(r::text, 8, '0') AS e164
FROM generate_series(0, :reports - 1) r JOIN seed_campaign ON seed_campaign.c = r % :campaigns;

INSERT INTO campaign_report (report_id, campaign_id, channel, region, sender, message, received_at, indicators, link_keys)
SELECT report_id, campaign_id, channel, 'IT', e164,
       CASE WHEN channel = 'SMS' THEN 'Seeded message text for ' || campaign_id END,
       now() - interval '30 days', ARRAY['NUMBER ' || e164], ARRAY['NUMBER:' || e164]
FROM seed;

INSERT INTO link_key (key, campaign_id) SELECT 'NUMBER:' || e164, campaign_id FROM seed;
INSERT INTO link_key (key, campaign_id)
SELECT 'TEXT:' || band || ':' || substr(md5(c || '-' || band), 1, 16), id
FROM seed_campaign, generate_series(0, 15) band
WHERE c % 2 = 1;

INSERT INTO number_block (block, e164, last_seen)
SELECT left(e164, length(e164) - 2), e164, now() - interval '30 days' FROM seed;

INSERT INTO campaign_indicator (campaign_id, type, value, report_count)
SELECT campaign_id, 'NUMBER', e164, 1 FROM seed;
COMMIT;
VACUUM ANALYZE campaign, campaign_report, link_key, number_block, campaign_indicator;
SELECT count(*) AS reports_stored FROM campaign_report;
