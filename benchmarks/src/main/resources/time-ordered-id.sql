-- time_ordered_id(at, salt): a UUIDv7-shaped id, as the services make them (platform Ids): the 48-bit
-- millisecond time of `at`, then pseudo-random bits from `salt`. Seeded rows thus sit in the id
-- indexes where real rows of that age would, not spread over them at random. Included by the seeds.
CREATE FUNCTION pg_temp.time_ordered_id(at timestamptz, salt text) RETURNS uuid LANGUAGE sql IMMUTABLE AS $$
    SELECT (lpad(to_hex((extract(epoch FROM at) * 1000)::bigint), 12, '0') || '7' || substr(md5(salt), 1, 19))::uuid $$;
