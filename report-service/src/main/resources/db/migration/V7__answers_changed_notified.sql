-- A change counted in lookup_answers_generation (V4) is also announced on the channel of V5, as
-- '*'. Notifications reach a listener in commit order, and those of one transaction in the order
-- sent, so an instance hears '*' after the values that the same transaction inserted (the count is
-- moved last): once it hears it, its filter holds them, and the answers it drops then are read
-- again with them. Lookups leave out of their statement the ranges the filter never heard of
-- (NumberLookup), so an answer read between the commit and the values' notification could miss a
-- range just confirmed; this drops it within milliseconds, where the once-a-second read of the
-- count could come too early.
CREATE FUNCTION notify_answers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('lookup_facts', '*');
    RETURN NULL;
END $$;

CREATE TRIGGER lookup_answers_generation_notified AFTER UPDATE ON lookup_answers_generation
    FOR EACH ROW EXECUTE FUNCTION notify_answers_changed();
