-- Keys people can get: POST /v1/keys creates a key on the self-service tier at once. The API's role stays read-only
-- on every table: it may only call this function, which inserts one key of that tier (never another), at most
-- p_per_day (10 at the very most) a day from one address, and returns its id (null beyond the limit).
ALTER TABLE opendata_meta.api_keys ADD COLUMN email text, ADD COLUMN created_from text;
CREATE INDEX api_keys_created_from ON opendata_meta.api_keys (created_from, created_at) WHERE created_from IS NOT NULL;

CREATE FUNCTION opendata_meta.create_self_service_key(p_name text, p_email text, p_hash bytea, p_address text, p_per_day integer)
RETURNS bigint LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    made integer;
    created bigint;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('opendata.self_service_key:' || p_address));
    SELECT count(*) INTO made FROM opendata_meta.api_keys
    WHERE created_from = p_address AND created_at > now() - interval '1 day';
    IF made >= least(p_per_day, 10) THEN
        RETURN NULL;
    END IF;
    INSERT INTO opendata_meta.api_keys (name, tier, key_hash, email, created_from)
    VALUES (p_name, 'self-service', p_hash, p_email, p_address)
    RETURNING id INTO created;
    RETURN created;
END $$;
REVOKE ALL ON FUNCTION opendata_meta.create_self_service_key(text, text, bytea, text, integer) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION opendata_meta.create_self_service_key(text, text, bytea, text, integer) TO opendata_reader;
