-- API keys: callers sending X-Api-Key get their own rate-limit partition with the quota of their tier.
-- Only the SHA-256 of a key is stored; the key itself is printed once by "ingest apikey create".
-- Permanent (opendata_meta): imports never touch it. The API only reads it.
CREATE TABLE opendata_meta.api_keys (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name text NOT NULL UNIQUE,
    tier text NOT NULL,
    key_hash bytea NOT NULL UNIQUE CHECK (length(key_hash) = 32),
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz
);
GRANT SELECT ON opendata_meta.api_keys TO opendata_reader;
