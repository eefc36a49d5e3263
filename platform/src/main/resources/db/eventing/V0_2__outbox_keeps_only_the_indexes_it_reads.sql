-- Every index of outbox_event is written for each event twice: at the insert and at the relay's
-- UPDATE ... SET sent_at, which can never be a HOT update (sent_at is in an index predicate), so it
-- adds the new row version to each index whose predicate it meets. Two of the four were never read:
-- - the unique index on id: ids are generated time-ordered UUIDs, nothing looks an event up by id;
--   it was the table's largest index and two of the six index writes per event;
-- - the index on sent_at: only housekeeping's prune used it, once every ten minutes; the prune now
--   walks the primary key from the oldest row instead (EventingHousekeeping).
-- What is left: the primary key (relay order, prune) and the unsent rows' index the relay claims by.
ALTER TABLE outbox_event DROP CONSTRAINT outbox_event_id_key;
DROP INDEX outbox_event_sent_at;
