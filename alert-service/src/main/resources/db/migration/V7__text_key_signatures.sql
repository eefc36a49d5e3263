-- A text band only proposes a campaign: the MinHash signature of the message that first claimed
-- the band is kept with it, and a later message joins only when its own signature is close enough.
-- Without this check, short messages sharing common wording chain unrelated campaigns together.
ALTER TABLE link_key ADD COLUMN signature BYTEA;
