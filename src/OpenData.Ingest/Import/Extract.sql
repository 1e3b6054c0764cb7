-- Applies the one-year extract (src_extract) to the source rows (src_tam_questions and its lookups), before Transform.sql
-- builds the dataset from them as from any dump. A question of the extract replaces the fields the extract carries (outcome,
-- nature, number, title, the author as named, publication date, the ministries it was addressed, transferred and answered
-- by, with their dates, the question it reminds); what the extract lacks (text, heading and themes, JO page, errata,
-- comment, the author's id, the answer's text) is kept. A question the source rows lack is added when its author is
-- found by name; the others wait for the next full dump. Questions absent from the extract are left as they are.
-- The extract is ISO-8859-1: a value that differs from the source only where the source has characters ISO-8859-1 cannot
-- hold is the same value.

-- Functions of this session only (pg_temp), with bodies as strings: the raw tables they read are dropped before the swap.
CREATE OR REPLACE FUNCTION pg_temp.folded(value text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT opendata_meta.fold(regexp_replace(value, '[^\x01-\xff]', '?', 'g')) $$;

-- The source value, unless the extract's differs from it elsewhere than where the source has characters ISO-8859-1 lacks
-- (an export writes '?' or a look-alike for them; the author's name may come in capitals).
CREATE OR REPLACE FUNCTION pg_temp.kept(source text, incoming text) RETURNS text LANGUAGE sql IMMUTABLE
    AS $$ SELECT CASE WHEN source IS NOT DISTINCT FROM incoming THEN source
                      WHEN source ~ '[^\x01-\xff]'
                           AND incoming ILIKE regexp_replace(regexp_replace(source, '([%_\\])', '\\\1', 'g'), '[^\x01-\xff]+', '%', 'g') THEN source
                      ELSE incoming END $$;

CREATE UNLOGGED TABLE opendata_next.src_ministry_names AS
SELECT m.minid, pg_temp.folded(n.name) AS name, m.datedebut::date AS start_date, m.datefin::date AS end_date
FROM opendata_next.src_tam_ministeres m
CROSS JOIN LATERAL (VALUES (m.libellelong), (m.libelle)) n(name)
WHERE n.name IS NOT NULL;
CREATE INDEX ON opendata_next.src_ministry_names (name);

-- The ministry a name stands for on a day: the question's own when its name is that (a reshuffle reuses names), else
-- the one of that name in office that day, else the latest of that name; null when no ministry has that name.
CREATE OR REPLACE FUNCTION pg_temp.ministry(current_id bigint, name text, day date) RETURNS bigint LANGUAGE sql STABLE
    AS $$ SELECT m.minid FROM opendata_next.src_ministry_names m
            WHERE m.name = pg_temp.folded(ministry.name)
            ORDER BY m.minid IS NOT DISTINCT FROM current_id DESC,
                     (day >= m.start_date AND (m.end_date IS NULL OR day <= m.end_date)) DESC NULLS LAST,
                     m.start_date DESC NULLS LAST, m.minid
            LIMIT 1 $$;

-- Authors by name: the senators, and the authors of other questions whom the senators file lacks.
CREATE UNLOGGED TABLE opendata_next.src_author_names AS
SELECT DISTINCT matricule, pg_temp.folded(nom_usuel) AS last_name, pg_temp.folded(prenom_usuel) AS first_name, groupe_politique AS group_code
FROM opendata_next.src_senators
UNION
SELECT DISTINCT q.matricule, pg_temp.folded(q.nom), pg_temp.folded(q.prenom), NULL
FROM opendata_next.src_tam_questions q
WHERE NOT EXISTS (SELECT FROM opendata_next.src_senators s WHERE s.matricule = q.matricule);
CREATE INDEX ON opendata_next.src_author_names (last_name, first_name);

-- The one author of that name (or of that name in that group); null when none or several.
CREATE OR REPLACE FUNCTION pg_temp.author(last_name text, first_name text, group_code text) RETURNS text LANGUAGE sql STABLE
    AS $$ SELECT CASE WHEN count(DISTINCT a.matricule) = 1 THEN min(a.matricule)
                        WHEN count(DISTINCT a.matricule) FILTER (WHERE a.group_code = author.group_code) = 1
                        THEN min(a.matricule) FILTER (WHERE a.group_code = author.group_code) END
            FROM opendata_next.src_author_names a
            WHERE a.last_name = pg_temp.folded(author.last_name) AND a.first_name IS NOT DISTINCT FROM pg_temp.folded(author.first_name) $$;

-- Outcome labels the source rows lack get codes of their own.
INSERT INTO opendata_next.src_sortquestion (line, sorquecod, sorquelib)
SELECT 0, (SELECT coalesce(max(sorquecod), 0) FROM opendata_next.src_sortquestion) + row_number() OVER (ORDER BY label), label
FROM (SELECT DISTINCT sort AS label FROM opendata_next.src_extract WHERE sort IS NOT NULL
      EXCEPT SELECT sorquelib FROM opendata_next.src_sortquestion) labels;

CREATE UNLOGGED TABLE opendata_next.src_extract_rows AS
SELECT x.*, q.id AS source_id, (SELECT min(o.sorquecod) FROM opendata_next.src_sortquestion o WHERE o.sorquelib = x.sort) AS sorquecod,
       CASE WHEN x.ministere_depot IS NOT NULL THEN pg_temp.ministry(q.mindepotid, x.ministere_depot, x.datejodepot) END AS mindepotid,
       CASE WHEN x.ministere_transmission IS NOT NULL THEN pg_temp.ministry(q.mintranid, x.ministere_transmission, coalesce(x.datejotran, x.datejodepot)) END AS mintranid,
       CASE WHEN x.ministere_reponse IS NOT NULL THEN pg_temp.ministry(q.minrepid1, x.ministere_reponse, coalesce(x.datejorep, x.datejodepot)) END AS minrepid1,
       CASE WHEN q.id IS NULL THEN pg_temp.author(x.nom, x.prenom, x.groupe) END AS new_author
FROM opendata_next.src_extract x
LEFT JOIN opendata_next.src_tam_questions q ON q.reference = x.reference;

UPDATE opendata_next.src_tam_questions q SET
    sorquecod = x.sorquecod, natquecod = x.nature, numero = x.numero, titre = pg_temp.kept(q.titre, x.titre),
    nom = pg_temp.kept(q.nom, x.nom), prenom = pg_temp.kept(q.prenom, x.prenom), codequalite = pg_temp.kept(q.codequalite, x.civilite),
    circonscription = pg_temp.kept(q.circonscription, x.circonscription), groupe = pg_temp.kept(q.groupe, x.groupe),
    datejodepot = x.datejodepot,
    mindepotid = x.mindepotid, mindepotlib = CASE WHEN x.mindepotid IS NOT DISTINCT FROM q.mindepotid AND x.ministere_depot IS NOT NULL THEN q.mindepotlib ELSE x.ministere_depot END,
    datejotran = x.datejotran, mintranid = x.mintranid,
    mintranlib = CASE WHEN x.mintranid IS NOT DISTINCT FROM q.mintranid AND x.ministere_transmission IS NOT NULL THEN q.mintranlib ELSE x.ministere_transmission END,
    datejorep1 = x.datejorep, minrepid1 = x.minrepid1,
    minreplib1 = CASE WHEN x.minrepid1 IS NOT DISTINCT FROM q.minrepid1 AND x.ministere_reponse IS NOT NULL THEN q.minreplib1 ELSE x.ministere_reponse END,
    refquerappelee = x.refquerappelee, daterappel = CASE WHEN x.refquerappelee IS NOT DISTINCT FROM q.refquerappelee THEN q.daterappel END
FROM opendata_next.src_extract_rows x
WHERE x.source_id = q.id;

-- A question first seen in the extract gets a source id of its own, negative so as never to meet the Senate's, derived from
-- its reference so that it stays the same from one extract to the next (the Senate's comes with the next full dump).
INSERT INTO opendata_next.src_tam_questions (line, id, reference, numero, natquecod, legislature, sorquecod, titre, rubrique, themes,
    matricule, nom, prenom, codequalite, circonscription, groupe, datejodepot, mindepotid, mindepotlib, datejotran, mintranid,
    mintranlib, minrepid1, minreplib1, datejorep1, refquerappelee)
SELECT x.line, -1 - ('x' || substr(md5(x.reference), 1, 15))::bit(60)::bigint, x.reference, x.numero, x.nature,
       (SELECT l.legislature FROM opendata_next.src_legquestion l
        WHERE x.datejodepot >= l.legdatdeb::date AND (l.legdatfin IS NULL OR x.datejodepot <= l.legdatfin::date)
        ORDER BY l.legislature DESC LIMIT 1),
       x.sorquecod, x.titre, x.themes,
       ARRAY(SELECT t.thecle FROM opendata_next.src_the t WHERE pg_temp.folded(t.thelib) = pg_temp.folded(x.themes) ORDER BY t.thecle),
       x.new_author, x.nom, x.prenom, x.civilite, x.circonscription, x.groupe, x.datejodepot, x.mindepotid, x.ministere_depot,
       x.datejotran, x.mintranid, x.ministere_transmission, x.minrepid1, x.ministere_reponse, x.datejorep, x.refquerappelee
FROM opendata_next.src_extract_rows x
WHERE x.source_id IS NULL AND x.new_author IS NOT NULL;
