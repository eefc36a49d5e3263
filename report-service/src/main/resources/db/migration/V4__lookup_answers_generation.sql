-- Every instance caches lookup answers. A change that may concern any number (a campaign confirmed,
-- dismissed or lifted, an alert, a block, the protected list) is applied by one instance only (the
-- consumer that got the event, the one that served the request); it counts here, in the same
-- transaction, and every instance drops its cached answers when it sees the count move.
CREATE TABLE lookup_answers_generation (
    only_row   BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    generation BIGINT  NOT NULL
);
INSERT INTO lookup_answers_generation (generation) VALUES (0);
