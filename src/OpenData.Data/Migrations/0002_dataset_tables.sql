-- The served dataset, shaped for the API's reads rather than copied from the Senate's tables.
-- Imports clone these definitions (columns and indexes) into "opendata_next", fill them and swap
-- schemas, so this file is the single definition of the served tables.
-- Every row carries a stable key (its public id) and a content hash, so that successive imports can
-- be compared row by row.

CREATE TABLE opendata.dataset (
    version bigint PRIMARY KEY,
    imported_at timestamptz NOT NULL,
    content_hash text NOT NULL,            -- SHA-256 over the source files' checksums
    sources jsonb NOT NULL,                -- [{role, name, sha256, bytes}]
    row_counts jsonb NOT NULL,
    unknown_authors integer NOT NULL,      -- questions whose author is missing from the senators file
    notices jsonb NOT NULL,
    licence text NOT NULL,
    licence_url text NOT NULL,
    source_url text NOT NULL
);

CREATE TABLE opendata.legislatures (
    number integer PRIMARY KEY,
    label text NOT NULL,
    start_date date,
    end_date date,
    question_count integer NOT NULL
);

CREATE TABLE opendata.natures (
    code text PRIMARY KEY,
    label text NOT NULL,
    sort_order integer,
    question_count integer NOT NULL
);

CREATE TABLE opendata.themes (
    id integer PRIMARY KEY,
    label text NOT NULL,
    alias text,
    sort_order integer,
    question_count integer NOT NULL
);

CREATE TABLE opendata.political_groups (
    code text PRIMARY KEY,
    label text NOT NULL,
    senator_count integer NOT NULL,        -- senators whose current group this is
    active_senator_count integer NOT NULL
);

CREATE TABLE opendata.ministries (
    id bigint PRIMARY KEY,
    name text NOT NULL,
    full_name text,
    minister_title text,
    journal_title text,
    minister_name text,
    start_date date,
    end_date date,                         -- null while the ministry is in office
    current boolean NOT NULL,
    protocol_order integer,
    successor_id bigint,                   -- minidremp: the ministry that replaced this one
    predecessor_ids bigint[] NOT NULL,     -- ministries this one directly replaced
    lineage_ids bigint[] NOT NULL,         -- itself and every ministry it transitively replaced
    question_count integer NOT NULL,
    search_name text NOT NULL,             -- folded name, full name and minister, for q=
    content_hash bytea NOT NULL
);
CREATE INDEX ministries_current ON opendata.ministries (current, protocol_order, id);
CREATE INDEX ministries_successor ON opendata.ministries (successor_id);
CREATE INDEX ministries_search ON opendata.ministries USING gin (search_name opendata_meta.gin_trgm_ops);

CREATE TABLE opendata.senators (
    id text PRIMARY KEY,                   -- matricule
    civility text,
    first_name text,
    last_name text,
    name text NOT NULL,
    active boolean NOT NULL,
    birth_date date,
    death_date date,
    group_code text,
    group_membership text,
    constituency text,
    committee text,
    bureau_function text,
    email text,
    profession text,
    profession_category text,
    pcs text,
    question_count integer NOT NULL,
    url text NOT NULL,
    search_name text NOT NULL,
    content_hash bytea NOT NULL
);
CREATE INDEX senators_name ON opendata.senators (last_name, first_name, id);
CREATE INDEX senators_search ON opendata.senators USING gin (search_name opendata_meta.gin_trgm_ops);
CREATE INDEX senators_group ON opendata.senators (group_code, last_name, first_name, id);
CREATE INDEX senators_constituency ON opendata.senators (constituency, last_name, first_name, id);
CREATE INDEX senators_active ON opendata.senators (active, last_name, first_name, id);

CREATE TABLE opendata.senator_groups (
    senator_id text NOT NULL,
    group_code text NOT NULL,
    membership text,
    start_date date,
    end_date date
);
CREATE INDEX senator_groups_senator ON opendata.senator_groups (senator_id, start_date);

CREATE TABLE opendata.questions (
    id text PRIMARY KEY,                   -- the Senate's reference, e.g. SEQ240611950
    source_id bigint NOT NULL,             -- tam_questions.id
    number text NOT NULL,
    legislature integer,
    nature_code text NOT NULL,
    nature_label text NOT NULL,
    status text NOT NULL CHECK (status IN ('awaiting_answer', 'answered', 'lapsed', 'withdrawn', 'converted')),
    outcome_label text,                    -- sorquelib as published
    title text,
    text text,
    topic text,                            -- rubrique
    theme_ids integer[] NOT NULL,
    theme_labels text[] NOT NULL,          -- labels of theme_ids, same order
    published_at date NOT NULL,
    journal_page integer,
    author_id text NOT NULL,               -- the author as at the time of the question:
    author_civility text,
    author_first_name text,
    author_last_name text,
    author_name text NOT NULL,
    author_group text,
    author_constituency text,
    author_known boolean NOT NULL,         -- false when the senators file lacks the matricule
    ministry_id bigint,                    -- addressed to
    ministry_name text,
    transfer_ministry_id bigint,
    transfer_ministry_name text,
    transferred_at date,
    answer_ministry_id bigint,
    answer_ministry_name text,
    answered_at date,
    answer_delay_days integer,
    -- The Senate's rules give ministers one month, plus one month they may claim, to answer a
    -- written question: overdue = status 'awaiting_answer' and deadline < today (computed when read,
    -- since it changes with the date). Null for oral questions, which have no such deadline.
    deadline date,
    reminds_question_id text,
    reminded_at date,
    erratum_text text,
    erratum_date date,
    erratum_page integer,
    comment text,
    url text NOT NULL,
    updated_at date NOT NULL,              -- latest dated event: publication, transfer, answer, erratum
    ministry_ids bigint[] NOT NULL,        -- addressed, transferred and answering ministries
    search tsvector NOT NULL,
    content_hash bytea NOT NULL
);
CREATE INDEX questions_published ON opendata.questions (published_at DESC, id DESC);
-- Sorts put unanswered questions last: the sort keys replace NULL by a sentinel, indexed as expressions.
CREATE INDEX questions_answered ON opendata.questions ((coalesce(answered_at, '0001-01-01'::date)) DESC, id DESC);
CREATE INDEX questions_answered_on ON opendata.questions (answered_at) WHERE answered_at IS NOT NULL;
CREATE INDEX questions_delay ON opendata.questions ((coalesce(answer_delay_days, 2147483647)), id);
CREATE INDEX questions_delay_desc ON opendata.questions ((coalesce(answer_delay_days, -1)) DESC, id DESC);
CREATE INDEX questions_author ON opendata.questions (author_id, published_at DESC, id DESC);
CREATE INDEX questions_ministry ON opendata.questions (ministry_id, published_at DESC, id DESC);
CREATE INDEX questions_ministries ON opendata.questions USING gin (ministry_ids);
CREATE INDEX questions_themes ON opendata.questions USING gin (theme_ids);
CREATE INDEX questions_nature ON opendata.questions (nature_code, published_at DESC, id DESC);
CREATE INDEX questions_status ON opendata.questions (status, published_at DESC, id DESC);
CREATE INDEX questions_group ON opendata.questions (author_group, published_at DESC, id DESC);
CREATE INDEX questions_legislature ON opendata.questions (legislature, published_at DESC, id DESC);
CREATE INDEX questions_overdue ON opendata.questions (deadline) WHERE status = 'awaiting_answer';
CREATE INDEX questions_updated ON opendata.questions (updated_at);
CREATE INDEX questions_reminds ON opendata.questions (reminds_question_id) WHERE reminds_question_id IS NOT NULL;
CREATE INDEX questions_search ON opendata.questions USING gin (search);

CREATE TABLE opendata.answers (
    question_id text PRIMARY KEY,
    published_at date NOT NULL,
    text text,
    delay_days integer,
    ministry_id bigint,
    ministry_name text,
    journal_page integer,
    url text,
    common_answer_id text,                 -- idrepunique: one answer published for several questions
    shared_with text[] NOT NULL,           -- the other questions answered by the same common answer
    erratum_page integer,
    erratum_date date,
    erratum_text text,
    search tsvector NOT NULL,
    content_hash bytea NOT NULL
);
CREATE INDEX answers_published ON opendata.answers (published_at DESC, question_id DESC);
CREATE INDEX answers_delay ON opendata.answers ((coalesce(delay_days, 2147483647)), question_id);
CREATE INDEX answers_delay_desc ON opendata.answers ((coalesce(delay_days, -1)) DESC, question_id DESC);
CREATE INDEX answers_ministry ON opendata.answers (ministry_id, published_at DESC, question_id DESC);
CREATE INDEX answers_search ON opendata.answers USING gin (search);
