-- Builds the served tables in opendata_next from the raw src_* tables loaded from the source files.
-- Runs after validation; each "-- step:" section is one command, reported as the import goes. A step
-- marked "(concurrent)" runs on a second connection alongside the step before it: it must not read it.
-- Every row keeps the version that last changed it (updated_version) when its content hash equals the serving
-- row's, and takes this import's version (the setting opendata.import_version) otherwise.

-- step: outcomes
-- A question's status is derived from the lookup label of its outcome (never from code numbers);
-- an answer, when there is one, makes it answered whatever the label says.
CREATE UNLOGGED TABLE opendata_next.src_outcomes AS
SELECT sorquecod AS code, sorquelib AS label,
       CASE
           WHEN opendata_meta.fold(sorquelib) LIKE '%attente%' THEN 'awaiting_answer'
           WHEN opendata_meta.fold(sorquelib) ~ 'cadu(c|q)' THEN 'lapsed'
           WHEN opendata_meta.fold(sorquelib) LIKE '%retir%' THEN 'withdrawn'
           WHEN opendata_meta.fold(sorquelib) LIKE '%transform%' THEN 'converted'
           WHEN opendata_meta.fold(sorquelib) LIKE '%reponse%' THEN 'answered'
       END AS status
FROM opendata_next.src_sortquestion;

-- step: answers per question
-- One answer per question: the first published when the dump holds several.
CREATE UNLOGGED TABLE opendata_next.src_first_answers AS
SELECT DISTINCT ON (r.idque) r.*, q.reference
FROM opendata_next.src_tam_reponses r
JOIN opendata_next.src_tam_questions q ON q.id = r.idque
ORDER BY r.idque, r.datejorep NULLS LAST, r.line;
CREATE UNIQUE INDEX ON opendata_next.src_first_answers (idque);

-- step: questions
INSERT INTO opendata_next.questions
SELECT x.*,
       setweight(to_tsvector('opendata_meta.french_unaccent', coalesce(x.title, '')), 'A') ||
       setweight(to_tsvector('opendata_meta.french_unaccent', coalesce(x.topic, '')), 'B') ||
       setweight(to_tsvector('opendata_meta.french_unaccent', coalesce(x.text, '')), 'C'),
       h.hash, CASE WHEN old.content_hash = h.hash THEN old.updated_version ELSE current_setting('opendata.import_version')::bigint END,
       -- whether the rows it refers to exist and its author's name today (migration 0019), outside its content hash:
       -- the rows they come from have their own. Joined (keys checked unique), not looked up row by row: a correlated
       -- EXISTS on the unindexed ministries file scanned it for each question (5.7 s each at 300,000).
       addressed.minid IS NOT NULL, transferred.minid IS NOT NULL, answering.minid IS NOT NULL, answer.idque IS NOT NULL,
       answer_ministry.minid IS NOT NULL,
       CASE WHEN author.matricule IS NOT NULL THEN concat_ws(' ', author.prenom_usuel, author.nom_usuel) END
FROM (
    SELECT q.reference AS id, q.id AS source_id, coalesce(q.numero, ''), q.legislature, q.natquecod,
           coalesce(n.natquelib, q.natquecod),
           CASE WHEN a.idque IS NOT NULL OR q.datejorep1 IS NOT NULL THEN 'answered'
                WHEN o.status = 'answered' OR o.status IS NULL THEN 'awaiting_answer'
                ELSE o.status END,
           o.label, q.titre AS title, q.txtque AS text, q.rubrique AS topic, coalesce(q.themes, '{}'),
           ARRAY(SELECT coalesce(t.thelib, u.id::text) FROM unnest(q.themes) WITH ORDINALITY u(id, n)
                 LEFT JOIN opendata_next.src_the t ON t.thecle = u.id ORDER BY u.n),
           q.datejodepot::date, q.pagejodepot::integer,
           q.matricule AS author_id, q.codequalite, q.prenom, author.last_name,
           concat_ws(' ', q.prenom, author.last_name), q.groupe, q.circonscription, s.matricule IS NOT NULL,
           q.mindepotid AS addressed_id, coalesce(addressed.libelle, q.mindepotlib), q.mintranid AS transferred_id, coalesce(transferred.libelle, q.mintranlib), q.datejotran::date,
           answer.ministry_id AS answering_id, coalesce(answering.libelle, answer.snapshot_name), answer.answered_at,
           answer.answered_at - q.datejodepot::date,
           CASE WHEN q.natquecod = 'QE' THEN (q.datejodepot + interval '2 months')::date END,
           q.refquerappelee, q.daterappel::date, q.txterrque, q.dateerr::date, q.pageerr::integer, q.compub,
           -- Generated data links to senat.fr only for the one real question it holds (opendata.senat_pages_only; '' for the Senate's data).
           CASE WHEN current_setting('opendata.senat_pages_only') IN ('', q.reference)
                THEN 'https://www.senat.fr/questions/base/' || extract(year FROM q.datejodepot) || '/q' || q.reference || '.html' END,
           ARRAY(SELECT DISTINCT m FROM unnest(ARRAY[q.mindepotid, q.mintranid, answer.ministry_id]) m WHERE m IS NOT NULL ORDER BY m)
    FROM opendata_next.src_tam_questions q
    LEFT JOIN opendata_next.src_first_answers a ON a.idque = q.id
    LEFT JOIN opendata_next.src_naturequestion n ON n.natquecod = q.natquecod
    LEFT JOIN opendata_next.src_outcomes o ON o.code = q.sorquecod
    LEFT JOIN opendata_next.src_senators s ON s.matricule = q.matricule
    LEFT JOIN opendata_next.src_tam_ministeres addressed ON addressed.minid = q.mindepotid
    LEFT JOIN opendata_next.src_tam_ministeres transferred ON transferred.minid = q.mintranid
    CROSS JOIN LATERAL (SELECT
        -- the senators file spells names as used ("Maurey"); the question row in capitals ("MAUREY")
        CASE WHEN s.nom_usuel IS NOT NULL AND opendata_meta.fold(s.nom_usuel) = opendata_meta.fold(q.nom) THEN s.nom_usuel
             ELSE coalesce(q.nom, s.nom_usuel, q.matricule) END AS last_name) author
    CROSS JOIN LATERAL (SELECT
        coalesce(a.datejorep, q.datejorep1)::date AS answered_at,
        coalesce(a.minrepid, q.minrepid1) AS ministry_id,
        coalesce(a.minreplib, q.minreplib1) AS snapshot_name) answer
    LEFT JOIN opendata_next.src_tam_ministeres answering ON answering.minid = answer.ministry_id
) x
CROSS JOIN LATERAL (SELECT sha256(convert_to(x::text, 'UTF8')) AS hash) h
LEFT JOIN opendata.questions old ON old.id = x.id
LEFT JOIN opendata_next.src_tam_ministeres addressed ON addressed.minid = x.addressed_id
LEFT JOIN opendata_next.src_tam_ministeres transferred ON transferred.minid = x.transferred_id
LEFT JOIN opendata_next.src_tam_ministeres answering ON answering.minid = x.answering_id
LEFT JOIN opendata_next.src_first_answers answer ON answer.idque = x.source_id
LEFT JOIN opendata_next.src_tam_ministeres answer_ministry ON answer_ministry.minid = answer.minrepid
LEFT JOIN opendata_next.src_senators author ON author.matricule = x.author_id;

-- step: answers (concurrent)
INSERT INTO opendata_next.answers
SELECT x.*, to_tsvector('opendata_meta.french_unaccent', coalesce(x.text, '')),
       h.hash, CASE WHEN old.content_hash = h.hash THEN old.updated_version ELSE current_setting('opendata.import_version')::bigint END,
       -- whether the ministries table lists its ministry (migration 0019), outside its content hash
       listed.minid IS NOT NULL
FROM (
    SELECT a.reference AS question_id, a.datejorep::date, a.txtrep AS text, a.datejorep::date - q.datejodepot::date, a.minrepid,
           coalesce(m.libelle, a.minreplib, q.minreplib1), a.pagejorep::integer,
           CASE WHEN current_setting('opendata.senat_pages_only') IN ('', a.reference)
                THEN coalesce(a.urlrep, 'https://www.senat.fr/questions/base/' || extract(year FROM q.datejodepot) || '/q' || a.reference || '.html') END,
           a.idrepunique, coalesce(array_remove(common.ids, a.reference), '{}'),
           a.errpage::integer, a.errdate::date, a.txterrrep
    FROM opendata_next.src_first_answers a
    JOIN opendata_next.src_tam_questions q ON q.id = a.idque
    LEFT JOIN opendata_next.src_tam_ministeres m ON m.minid = a.minrepid
    LEFT JOIN (
        SELECT idrepunique, array_agg(reference ORDER BY reference) AS ids
        FROM opendata_next.src_first_answers
        WHERE idrepunique IS NOT NULL
        GROUP BY idrepunique
        HAVING count(*) > 1
    ) common ON common.idrepunique = a.idrepunique
) x
CROSS JOIN LATERAL (SELECT sha256(convert_to(x::text, 'UTF8')) AS hash) h
LEFT JOIN opendata.answers old ON old.question_id = x.question_id
LEFT JOIN opendata_next.src_tam_ministeres listed ON listed.minid = x.minrepid;

-- step: ministries
INSERT INTO opendata_next.ministries
SELECT x.*, h.hash, CASE WHEN old.content_hash = h.hash THEN old.updated_version ELSE current_setting('opendata.import_version')::bigint END
FROM (
    WITH RECURSIVE lineage(root, id) AS (
        SELECT minid, minid FROM opendata_next.src_tam_ministeres
        UNION
        SELECT l.root, p.minid
        FROM lineage l JOIN opendata_next.src_tam_ministeres p ON p.minidremp = l.id
    )
    SELECT m.minid AS id, m.libelle, m.libellelong, m.titreministre, m.intitulejo, m.nomministre,
           m.datedebut::date, m.datefin::date, m.datefin IS NULL, m.ordreprotocolaire::integer,
           m.minidremp,
           ARRAY(SELECT p.minid FROM opendata_next.src_tam_ministeres p WHERE p.minidremp = m.minid AND p.minid <> m.minid ORDER BY p.minid),
           ARRAY(SELECT l.id FROM lineage l WHERE l.root = m.minid ORDER BY l.id),
           coalesce(counts.n, 0)::integer,
           opendata_meta.fold(concat_ws(' ', m.libelle, m.libellelong, m.nomministre))
    FROM opendata_next.src_tam_ministeres m
    -- the questions addressed to, transferred to or answered by it: what /v1/ministries/{id}/questions lists
    LEFT JOIN (SELECT u.id AS ministry_id, count(*) AS n
               FROM opendata_next.questions q CROSS JOIN LATERAL (SELECT DISTINCT id FROM unnest(q.ministry_ids) id) u
               GROUP BY 1) counts ON counts.ministry_id = m.minid
) x
CROSS JOIN LATERAL (SELECT sha256(convert_to(x::text, 'UTF8')) AS hash) h
LEFT JOIN opendata.ministries old ON old.id = x.id;

-- step: statistics (concurrent)
-- The figures of the default statistics requests: written questions per handling ministry, those awaiting
-- an answer per deadline (overdue is counted when read), and every question per month (the function is
-- defined by migration 0004_precomputed_stats.sql, which also uses it).
SELECT opendata_meta.compute_statistics('opendata_next');

-- step: senators
INSERT INTO opendata_next.senators
SELECT x.*, h.hash, CASE WHEN old.content_hash = h.hash THEN old.updated_version ELSE current_setting('opendata.import_version')::bigint END
FROM (
    SELECT s.matricule AS id, s.qualite, s.prenom_usuel, s.nom_usuel,
           concat_ws(' ', s.prenom_usuel, s.nom_usuel), upper(s.etat) = 'ACTIF', s.date_naissance, s.date_de_deces,
           s.groupe_politique, s.type_d_app_au_grp_politique, s.circonscription, s.commission_permanente,
           s.fonction_au_bureau_du_senat, s.courrier_electronique, s.description_de_la_profession,
           s.categorie_professionnelle, s.pcs_insee,
           coalesce(counts.n, 0)::integer,
           'https://www.senat.fr/senateur/' ||
               trim(both '_' FROM regexp_replace(opendata_meta.fold(concat_ws('_', s.nom_usuel, s.prenom_usuel)), '[^a-z0-9]+', '_', 'g')) ||
               lower(s.matricule) || '.html',
           opendata_meta.fold(concat_ws(' ', s.prenom_usuel, s.nom_usuel))
    FROM opendata_next.src_senators s
    LEFT JOIN (SELECT author_id, count(*) AS n FROM opendata_next.questions GROUP BY author_id) counts ON counts.author_id = s.matricule
) x
CROSS JOIN LATERAL (SELECT sha256(convert_to(x::text, 'UTF8')) AS hash) h
LEFT JOIN opendata.senators old ON old.id = x.id;

INSERT INTO opendata_next.senator_groups
SELECT matricule, groupe_politique, type_d_app_au_grp_politique, date_debut, date_fin
FROM opendata_next.src_senator_groups
WHERE groupe_politique IS NOT NULL;

-- step: lookups
INSERT INTO opendata_next.political_groups
SELECT codes.code, coalesce(l.label, codes.code),
       (SELECT count(*) FROM opendata_next.senators s WHERE s.group_code = codes.code)::integer,
       (SELECT count(*) FROM opendata_next.senators s WHERE s.group_code = codes.code AND s.active)::integer
FROM (
    SELECT group_code AS code FROM opendata_next.senators WHERE group_code IS NOT NULL
    UNION SELECT group_code FROM opendata_next.senator_groups
    UNION SELECT author_group FROM opendata_next.questions WHERE author_group IS NOT NULL
) codes
LEFT JOIN opendata_meta.group_labels l ON l.code = codes.code;

INSERT INTO opendata_next.legislatures
SELECT l.legislature::integer, coalesce(l.leglib, l.legislature || 'e législature'), l.legdatdeb::date, l.legdatfin::date,
       coalesce(counts.n, 0)::integer
FROM opendata_next.src_legquestion l
LEFT JOIN (SELECT legislature, count(*) AS n FROM opendata_next.questions GROUP BY 1) counts ON counts.legislature = l.legislature;

INSERT INTO opendata_next.natures
SELECT n.natquecod, coalesce(n.natquelib, n.natquecod), n.natquenumtri::integer,
       coalesce(counts.n, 0)::integer
FROM opendata_next.src_naturequestion n
LEFT JOIN (SELECT nature_code, count(*) AS n FROM opendata_next.questions GROUP BY 1) counts ON counts.nature_code = n.natquecod;

INSERT INTO opendata_next.themes
SELECT t.thecle::integer, t.thelib, t.theali, t.thenouidt::integer, coalesce(counts.n, 0)::integer
FROM opendata_next.src_the t
LEFT JOIN (SELECT unnest(theme_ids) AS id, count(*) AS n FROM opendata_next.questions GROUP BY 1) counts ON counts.id = t.thecle;

-- step: changes
-- What this dataset changes, recorded under its version: visible in the feed once the version lands.
SELECT opendata_meta.record_changes('opendata_next', current_setting('opendata.import_version')::bigint);

-- step: time to answer
-- The Kaplan-Meier delays of the default statistics, once the questions, the legislatures (lapsed questions are censored
-- at their end) and this import's changes (a status changed by it dates a withdrawal or a conversion) are in place
-- (the function is defined by migration 0011_time_to_answer.sql).
SELECT opendata_meta.compute_time_to_answer('opendata_next');
