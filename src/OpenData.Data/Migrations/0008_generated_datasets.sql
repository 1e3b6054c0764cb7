-- A dataset written by `opendata-ingest generate` is synthetic: it says so, and claims neither the Senate as its
-- source nor the Senate's licence (both null then).
ALTER TABLE opendata.dataset ADD COLUMN generated boolean NOT NULL DEFAULT false;
ALTER TABLE opendata.dataset ALTER COLUMN licence DROP NOT NULL, ALTER COLUMN licence_url DROP NOT NULL, ALTER COLUMN source_url DROP NOT NULL;
