-- The protected numbers staff keep in report-service (number.protection.changed), next to the
-- emergency and official lines of tocsin.protected-numbers, which stay protected whatever this says.
-- A row is kept when a number stops being protected, with the time of that change: a change that
-- arrives late (events of several consumers need not arrive in order) never undoes a newer one.
CREATE TABLE protected_number (
    e164        TEXT        COLLATE "C" PRIMARY KEY,   -- E.164, or the digits of a short number
    is_protected BOOLEAN    NOT NULL,
    label       TEXT,
    changed_by  TEXT        NOT NULL,
    changed_at  TIMESTAMPTZ NOT NULL
);
