-- Change tracking: each import compares the dataset it builds with the one it replaces (row by row, on the content
-- hashes) and records what it added, changed (which fields) and removed, in opendata_meta, which outlives the swaps.
-- A row's updated_version is the dataset version that last changed it; the time a version started being served is
-- in opendata_meta.landings, written by the swap itself, so that a change is dated by when clients could first see it.

CREATE TABLE opendata_meta.landings (
    version bigint PRIMARY KEY,
    landed_at timestamptz NOT NULL
);
GRANT SELECT ON opendata_meta.landings TO opendata_reader;

-- Written before the swap, visible once its version has landed (a failed import deletes its rows).
CREATE TABLE opendata_meta.changes (
    seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    version bigint NOT NULL,
    type text NOT NULL CHECK (type IN ('question', 'answer', 'senator', 'ministry')),
    id text NOT NULL,
    kind text NOT NULL CHECK (kind IN ('added', 'changed', 'removed')),
    fields text[] NOT NULL                 -- for 'changed': the public fields that differ
);
CREATE INDEX changes_item ON opendata_meta.changes (type, id, seq);
CREATE INDEX changes_version ON opendata_meta.changes (version);
GRANT SELECT ON opendata_meta.changes TO opendata_reader;

-- The public field each served column belongs to: what a 'changed' entry lists. Columns not named here (search
-- vectors, hashes, versions, internal ids) are not fields of their own.
CREATE TABLE opendata_meta.change_fields (
    type text NOT NULL,
    column_name text NOT NULL,
    field text NOT NULL,
    PRIMARY KEY (type, column_name)
);
INSERT INTO opendata_meta.change_fields (type, column_name, field)
SELECT 'question', c, f FROM (VALUES
    ('number', 'number'), ('legislature', 'legislature'), ('nature_code', 'nature'), ('nature_label', 'nature'),
    ('status', 'status'), ('outcome_label', 'status'), ('title', 'title'), ('text', 'text'), ('topic', 'topic'),
    ('theme_ids', 'themes'), ('theme_labels', 'themes'), ('published_at', 'publishedAt'), ('journal_page', 'journalPage'),
    ('author_id', 'author'), ('author_civility', 'author'), ('author_first_name', 'author'), ('author_last_name', 'author'),
    ('author_name', 'author'), ('author_group', 'author'), ('author_constituency', 'author'), ('author_known', 'author'),
    ('ministry_id', 'ministry'), ('ministry_name', 'ministry'),
    ('transfer_ministry_id', 'transfer'), ('transfer_ministry_name', 'transfer'), ('transferred_at', 'transfer'),
    ('answer_ministry_id', 'answer'), ('answer_ministry_name', 'answer'), ('answered_at', 'answer'), ('answer_delay_days', 'answer'),
    ('deadline', 'deadline'), ('reminds_question_id', 'remindsQuestionId'), ('reminded_at', 'remindsQuestionId'),
    ('erratum_text', 'erratum'), ('erratum_date', 'erratum'), ('erratum_page', 'erratum'), ('comment', 'comment'), ('url', 'url')
) m(c, f)
UNION ALL
SELECT 'answer', c, f FROM (VALUES
    ('published_at', 'publishedAt'), ('text', 'text'), ('delay_days', 'delayDays'), ('ministry_id', 'ministry'),
    ('ministry_name', 'ministry'), ('journal_page', 'journalPage'), ('url', 'url'), ('common_answer_id', 'sharedWith'),
    ('shared_with', 'sharedWith'), ('erratum_page', 'erratum'), ('erratum_date', 'erratum'), ('erratum_text', 'erratum')
) m(c, f)
UNION ALL
SELECT 'senator', c, f FROM (VALUES
    ('civility', 'civility'), ('first_name', 'firstName'), ('last_name', 'lastName'), ('name', 'name'), ('active', 'active'),
    ('birth_date', 'birthDate'), ('death_date', 'deathDate'), ('group_code', 'group'), ('group_membership', 'group'),
    ('constituency', 'constituency'), ('committee', 'committee'), ('bureau_function', 'bureauFunction'), ('email', 'email'),
    ('profession', 'profession'), ('profession_category', 'profession'), ('pcs', 'profession'),
    ('question_count', 'questionCount'), ('url', 'url')
) m(c, f)
UNION ALL
SELECT 'ministry', c, f FROM (VALUES
    ('name', 'name'), ('full_name', 'fullName'), ('minister_title', 'ministerTitle'), ('journal_title', 'journalTitle'),
    ('minister_name', 'ministerName'), ('start_date', 'startDate'), ('end_date', 'endDate'), ('current', 'current'),
    ('protocol_order', 'protocolOrder'), ('successor_id', 'successorId'), ('predecessor_ids', 'predecessorIds'),
    ('question_count', 'questionCount')
) m(c, f);

-- The fields of a row of 'kind' that differ between two versions of it (rows as jsonb), in order.
CREATE FUNCTION opendata_meta.changed_fields(kind text, before jsonb, after jsonb) RETURNS text[]
    LANGUAGE sql STABLE PARALLEL SAFE
    RETURN ARRAY(SELECT DISTINCT f.field FROM opendata_meta.change_fields f
                 WHERE f.type = kind AND (before -> f.column_name) IS DISTINCT FROM (after -> f.column_name)
                 ORDER BY f.field);

-- Records the differences between the serving schema and 'target' (the staging schema) under 'version': the
-- referenced kinds first (ministries, senators), then questions and their answers; within a kind, by id. Only rows
-- whose content hash differs are compared field by field.
CREATE FUNCTION opendata_meta.record_changes(target text, version bigint) RETURNS bigint LANGUAGE plpgsql AS $fn$
DECLARE recorded bigint;
BEGIN
    EXECUTE format($sql$
        INSERT INTO opendata_meta.changes (version, type, id, kind, fields)
        SELECT %2$s, type, id, kind, coalesce(fields, '{}') FROM (
            SELECT 1 AS rank, 'ministry' AS type, coalesce(n.id, o.id)::text AS id, n.id IS NULL AS gone, o.id IS NULL AS new,
                   CASE WHEN n.id IS NOT NULL AND o.id IS NOT NULL THEN opendata_meta.changed_fields('ministry', to_jsonb(o), to_jsonb(n)) END AS fields
            FROM %1$I.ministries n FULL JOIN opendata.ministries o ON o.id = n.id
            WHERE n.id IS NULL OR o.id IS NULL OR n.content_hash <> o.content_hash
            UNION ALL
            SELECT 2, 'senator', coalesce(n.id, o.id), n.id IS NULL, o.id IS NULL,
                   CASE WHEN n.id IS NOT NULL AND o.id IS NOT NULL THEN opendata_meta.changed_fields('senator', to_jsonb(o), to_jsonb(n)) END
            FROM %1$I.senators n FULL JOIN opendata.senators o ON o.id = n.id
            WHERE n.id IS NULL OR o.id IS NULL OR n.content_hash <> o.content_hash
            UNION ALL
            SELECT 3, 'question', coalesce(n.id, o.id), n.id IS NULL, o.id IS NULL,
                   CASE WHEN n.id IS NOT NULL AND o.id IS NOT NULL THEN opendata_meta.changed_fields('question', to_jsonb(o), to_jsonb(n)) END
            FROM %1$I.questions n FULL JOIN opendata.questions o ON o.id = n.id
            WHERE n.id IS NULL OR o.id IS NULL OR n.content_hash <> o.content_hash
            UNION ALL
            SELECT 4, 'answer', coalesce(n.question_id, o.question_id), n.question_id IS NULL, o.question_id IS NULL,
                   CASE WHEN n.question_id IS NOT NULL AND o.question_id IS NOT NULL THEN opendata_meta.changed_fields('answer', to_jsonb(o), to_jsonb(n)) END
            FROM %1$I.answers n FULL JOIN opendata.answers o ON o.question_id = n.question_id
            WHERE n.question_id IS NULL OR o.question_id IS NULL OR n.content_hash <> o.content_hash
        ) d(rank, type, id, gone, new, fields)
        CROSS JOIN LATERAL (SELECT CASE WHEN d.gone THEN 'removed' WHEN d.new THEN 'added' ELSE 'changed' END AS kind) k
        ORDER BY rank, id COLLATE "C"
        $sql$, target, version);
    GET DIAGNOSTICS recorded = ROW_COUNT;
    RETURN recorded;
END
$fn$;

-- The dataset version that last changed each row (its updatedAt is that version's landing). The date column it replaces
-- (the latest event of the question) is now told by the question's events.
DROP INDEX opendata.questions_updated;
ALTER TABLE opendata.questions DROP COLUMN updated_at;

-- A dataset served before this migration is the first landing; its rows were all added then.
INSERT INTO opendata_meta.landings (version, landed_at) SELECT version, imported_at FROM opendata.dataset;
DO $$
DECLARE current_version bigint := (SELECT max(version) FROM opendata.dataset);
DECLARE t text;
BEGIN
    FOREACH t IN ARRAY ARRAY['questions', 'answers', 'senators', 'ministries'] LOOP
        -- A constant default fills existing rows without rewriting the table; it is dropped at once.
        EXECUTE format('ALTER TABLE opendata.%I ADD COLUMN updated_version bigint NOT NULL DEFAULT %s', t, coalesce(current_version, 0));
        EXECUTE format('ALTER TABLE opendata.%I ALTER COLUMN updated_version DROP DEFAULT', t);
    END LOOP;
    IF current_version IS NOT NULL THEN
        INSERT INTO opendata_meta.changes (version, type, id, kind, fields)
        SELECT current_version, type, id, 'added', '{}' FROM (
            SELECT 1, 'ministry', id::text FROM opendata.ministries
            UNION ALL SELECT 2, 'senator', id FROM opendata.senators
            UNION ALL SELECT 3, 'question', id FROM opendata.questions
            UNION ALL SELECT 4, 'answer', question_id FROM opendata.answers
        ) r(rank, type, id)
        ORDER BY rank, id COLLATE "C";
    END IF;
END $$;

CREATE INDEX questions_updated ON opendata.questions (updated_version, id);
CREATE INDEX answers_updated ON opendata.answers (updated_version, question_id);
CREATE INDEX senators_updated ON opendata.senators (updated_version, id);
CREATE INDEX ministries_updated ON opendata.ministries (updated_version, id);
