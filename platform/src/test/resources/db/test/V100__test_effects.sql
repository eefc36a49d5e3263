-- What the test consumer does with an event, so tests can count effects.
CREATE TABLE test_effect (
    id       BIGSERIAL PRIMARY KEY,
    event_id UUID NOT NULL,
    key      TEXT NOT NULL
);
