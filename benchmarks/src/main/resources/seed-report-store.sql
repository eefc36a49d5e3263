-- Fills report-service's store with :reports reports (psql -v reports=1000000) from :reports / 2
-- numbers, as the intake leaves them: the report rows, each number's statistics and daily counts.
-- The numbers (+3907…) sit in the same indexes as the benchmark's live numbers (+39069…), so every
-- lookup and counter update walks full-size B-trees; the reports are 20 to 40 days old, and so are
-- their time-ordered ids.
\set ON_ERROR_STOP on
BEGIN;
\ir time-ordered-id.sql
INSERT INTO report (id, receipt_hash, channel, sender_kind, sender_value, sender_withheld, message,
                    language, occurred_at, received_at)
SELECT pg_temp.time_ordered_id(now() - (20 + r % 20) * interval '1 day', 'seed-report-' || r), sha256(('seed-receipt-' || r)::bytea), 'CALL', 'PHONE',
       '+3907' || lpad((r / 2)::text, 8, '0'), false, 'Seeded report ' || r, 'fr',
       now() - (20 + r % 20) * interval '1 day', now() - (20 + r % 20) * interval '1 day'
FROM generate_series(0, :reports - 1) r;

INSERT INTO number_stats (e164, total_reports, first_reported_at, last_reported_at)
SELECT sender_value, count(*), min(received_at), max(received_at) FROM report
WHERE sender_value LIKE '+3907%' GROUP BY sender_value;

INSERT INTO number_daily (e164, day, reports)
SELECT sender_value, received_at::date, count(*) FROM report
WHERE sender_value LIKE '+3907%' GROUP BY sender_value, received_at::date;
COMMIT;
VACUUM ANALYZE report, number_stats, number_daily;
SELECT count(*) AS reports_stored FROM report;
