-- Generated data has no page on senat.fr for its questions (but its one real question): their url is null, as the
-- answers' already may be.
ALTER TABLE opendata.questions ALTER COLUMN url DROP NOT NULL;
