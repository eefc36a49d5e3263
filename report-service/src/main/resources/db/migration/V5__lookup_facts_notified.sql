-- Every instance keeps in memory the values a lookup can find facts for (KnownNumbers), so that a
-- number nobody reported, protected or covered is answered without a statement. It reads these
-- tables when it connects and learns what any instance (or anyone with psql) adds afterwards from
-- these notifications, which PostgreSQL delivers at commit, in commit order. Only inserted rows
-- count: for an upsert, the transition table holds the rows it inserted, not those it updated.
-- Payloads are comma-separated values, at most 400 per notification (PostgreSQL's limit is 8000 bytes).
CREATE FUNCTION notify_lookup_facts() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    chunk TEXT;
BEGIN
    FOR chunk IN EXECUTE format(
            'SELECT string_agg(v, '','') FROM (SELECT %I AS v, (row_number() OVER ()) / 400 AS c FROM added) a GROUP BY c',
            TG_ARGV[0])
    LOOP
        PERFORM pg_notify('lookup_facts', chunk);
    END LOOP;
    RETURN NULL;
END $$;

CREATE TRIGGER number_stats_notified AFTER INSERT ON number_stats REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_facts('e164');
CREATE TRIGGER protected_number_notified AFTER INSERT ON protected_number REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_facts('e164');
CREATE TRIGGER confirmed_indicator_notified AFTER INSERT ON confirmed_indicator REFERENCING NEW TABLE AS added
    FOR EACH STATEMENT EXECUTE FUNCTION notify_lookup_facts('value');
