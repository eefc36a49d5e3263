-- Numbers staff protected before report-service announced protection changes
-- (number.protection.changed): operator-gateway never heard of them. The first instance to start
-- announces them once and empties this table (EarlierProtections); the seeded lines are in every
-- service's configuration already (tocsin.protected-numbers).
CREATE TABLE protection_not_yet_announced (
    e164 TEXT PRIMARY KEY
);
INSERT INTO protection_not_yet_announced SELECT e164 FROM protected_number WHERE added_by <> 'seed';
