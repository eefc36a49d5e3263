-- The numbers each report and each lookup reads and counts by are machine identifiers, never sorted
-- for a reader. In any collation but "C", PostgreSQL 15 compares two different texts through the C
-- library's strcoll (C.UTF-8 too, the usual Debian default), at every step down every B-tree. In
-- "C" it compares bytes; the order is the same (C.UTF-8 sorts by code point, as bytes of UTF-8 do).
ALTER TABLE number_stats ALTER COLUMN e164 TYPE text COLLATE "C";
ALTER TABLE number_daily ALTER COLUMN e164 TYPE text COLLATE "C";
ALTER TABLE confirmed_indicator ALTER COLUMN value TYPE text COLLATE "C";
