-- Bulk downloads of each import: Parquet and gzipped CSV files of the questions, answers, senators and ministries,
-- written by the importer for the version it builds and kept for the last versions that landed (OpenData.Ingest's
-- DownloadFiles). Stored here, so that every API instance serves them without a shared disk: a file's bytes in chunks
-- of 1 MiB, which a range request reads a few of.
CREATE TABLE opendata_meta.downloads (
    version bigint NOT NULL,
    name text NOT NULL,              -- the file's name, e.g. questions.parquet
    table_name text NOT NULL,        -- questions, answers, senators, ministries
    format text NOT NULL,            -- parquet, csv.gz
    media_type text NOT NULL,
    rows bigint NOT NULL,
    bytes bigint NOT NULL,
    sha256 text NOT NULL,            -- lower-case hex of the whole file
    chunk_bytes integer NOT NULL,    -- every chunk but the last holds exactly this many bytes
    PRIMARY KEY (version, name)
);

CREATE TABLE opendata_meta.download_chunks (
    version bigint NOT NULL,
    name text NOT NULL,
    seq integer NOT NULL,            -- 0, 1, 2…: the chunk holding bytes seq × chunk_bytes onwards
    data bytea NOT NULL,
    PRIMARY KEY (version, name, seq)
);
-- Already compressed: stored as it is, out of line, never compressed again.
ALTER TABLE opendata_meta.download_chunks ALTER COLUMN data SET STORAGE EXTERNAL;

GRANT SELECT ON opendata_meta.downloads, opendata_meta.download_chunks TO opendata_reader;
