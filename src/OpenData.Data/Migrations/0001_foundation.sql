-- Permanent objects: the extensions, the French search configuration, the API's read-only role and
-- the served data schema. Everything the API reads lives in schema "opendata", which each import
-- rebuilds beside it ("opendata_next") and swaps in by renaming (see the importer).

-- Both extensions are trusted: the database owner may create them without superuser rights.
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA opendata_meta;
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA opendata_meta;

-- French stemming with accents ignored: "désertification" and "desertification" match.
CREATE TEXT SEARCH CONFIGURATION opendata_meta.french_unaccent (COPY = pg_catalog.french);
ALTER TEXT SEARCH CONFIGURATION opendata_meta.french_unaccent
    ALTER MAPPING FOR hword, hword_part, word WITH opendata_meta.unaccent, french_stem;

-- Lower-case and accent-free form used for name searches (senators, ministries).
CREATE FUNCTION opendata_meta.fold(value text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN lower(opendata_meta.unaccent('opendata_meta.unaccent'::regdictionary, value));

-- The API connects as this role and may only read. Deployments create it with LOGIN and a password
-- beforehand (see deploy/README.md); created here without LOGIN when missing so migrations never fail
-- on a fresh database.
DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'opendata_reader') THEN
        CREATE ROLE opendata_reader NOLOGIN;
    END IF;
END $$;

REVOKE ALL ON SCHEMA opendata_meta FROM PUBLIC;
GRANT USAGE ON SCHEMA opendata_meta TO opendata_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA opendata_meta TO opendata_reader;
REVOKE CREATE ON SCHEMA public FROM PUBLIC;

CREATE SCHEMA opendata;
GRANT USAGE ON SCHEMA opendata TO opendata_reader;
-- Tables the importer creates later are readable by the API, and only readable.
ALTER DEFAULT PRIVILEGES GRANT SELECT ON TABLES TO opendata_reader;

-- Every successful import takes the next version; ETags and caches key on it.
CREATE SEQUENCE opendata_meta.dataset_version;

-- Labels of the Senate's political groups (the senators files carry codes only). Unknown codes
-- are served with their code as label.
CREATE TABLE opendata_meta.group_labels (
    code text PRIMARY KEY,
    label text NOT NULL
);
GRANT SELECT ON opendata_meta.group_labels TO opendata_reader;
INSERT INTO opendata_meta.group_labels (code, label) VALUES
    ('LR', 'Les Républicains'),
    ('SER', 'Socialiste, Écologiste et Républicain'),
    ('SOCR', 'Socialiste et républicain'),
    ('SOC', 'Socialiste'),
    ('UC', 'Union Centriste'),
    ('RDPI', 'Rassemblement des démocrates, progressistes et indépendants'),
    ('LREM', 'La République En Marche'),
    ('CRCE-K', 'Communiste Républicain Citoyen et Écologiste – Kanaky'),
    ('CRCE', 'Communiste républicain citoyen et écologiste'),
    ('CRC', 'Communiste républicain et citoyen'),
    ('GEST', 'Écologiste – Solidarité et Territoires'),
    ('ECOLO', 'Écologiste'),
    ('RDSE', 'Rassemblement Démocratique et Social Européen'),
    ('LIRT', 'Les Indépendants – République et Territoires'),
    ('RTLI', 'Les Indépendants – République et Territoires'),
    ('UMP', 'Union pour un Mouvement Populaire'),
    ('UDI-UC', 'Union des Démocrates et Indépendants – UC'),
    ('NI', 'Réunion administrative des sénateurs ne figurant sur la liste d''aucun groupe');

-- One row per import attempt, kept across swaps: what "ingest status" reports.
CREATE TABLE opendata_meta.import_log (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    started_at timestamptz NOT NULL DEFAULT now(),
    finished_at timestamptz,
    succeeded boolean,
    dataset_version bigint,
    message text
);
