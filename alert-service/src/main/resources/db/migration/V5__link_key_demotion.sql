-- Bounded correlation: a key that keeps merging campaigns (a helpline quoted in many texts, a
-- parcel firm's real domain) is demoted and links nobody any more.
ALTER TABLE link_key ADD COLUMN merges  INTEGER NOT NULL DEFAULT 0;
ALTER TABLE link_key ADD COLUMN demoted BOOLEAN NOT NULL DEFAULT false;
