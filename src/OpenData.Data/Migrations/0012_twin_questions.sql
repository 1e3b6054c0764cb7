-- Twin questions: near-identical texts (the same words sent to several senators), found by each import
-- (OpenData.Ingest's TwinFinder: the Jaccard similarity of the texts' shingles after the opening formula, from 0.4).

-- Each pair twice, once from each side: a question's twins are one index range, the most similar first.
CREATE TABLE opendata.question_similar (
    question_id text NOT NULL,
    similar_id text NOT NULL,
    similarity real NOT NULL CHECK (similarity BETWEEN 0 AND 1),
    PRIMARY KEY (question_id, similar_id)
);
CREATE INDEX question_similar_order ON opendata.question_similar (question_id, similarity DESC, similar_id);

-- The groups the pairs join, named by their earliest question (publication date, then id): stable from one import to
-- the next while that question stays the earliest.
CREATE TABLE opendata.twin_groups (
    id text PRIMARY KEY,
    size integer NOT NULL CHECK (size >= 2),
    question_ids text[] NOT NULL,      -- in publication order, the earliest first
    published_from date NOT NULL,
    published_to date NOT NULL,
    senator_ids text[] NOT NULL,       -- distinct, in order of their first question
    group_codes text[] NOT NULL,       -- the political groups of those senators when they asked, distinct, sorted
    ministry_ids bigint[] NOT NULL,    -- every ministry the questions were addressed, transferred to or answered by
    min_similarity real NOT NULL       -- the least similarity of the pairs that join it
);
CREATE INDEX twin_groups_order ON opendata.twin_groups (size DESC, id);
CREATE INDEX twin_groups_ministries ON opendata.twin_groups USING gin (ministry_ids);

CREATE TABLE opendata.twin_members (
    question_id text PRIMARY KEY,
    group_id text NOT NULL
);
