-- The source rows of the serving dataset, for an import that starts from it (the one-year extract applied on top): the
-- raw src_* tables are filled from the served tables so that Transform.sql, run on them unchanged, builds the serving
-- dataset again, row for row and hash for hash (a test checks it: such an import records no change). Where the served
-- value is derived, the source value written here derives it again: e.g. a served ministry name stands for mindepotlib,
-- which Transform.sql uses only when the ministry id is unknown; an outcome keeps its label under a new code.

INSERT INTO opendata_next.src_legquestion (line, legislature, leglib, legdatdeb, legdatfin)
SELECT row_number() OVER (ORDER BY number), number, label, start_date, end_date FROM opendata.legislatures;

INSERT INTO opendata_next.src_naturequestion (line, natquecod, natquelib, natquenumtri)
SELECT row_number() OVER (ORDER BY code), code, label, sort_order FROM opendata.natures;

INSERT INTO opendata_next.src_sortquestion (line, sorquecod, sorquelib)
SELECT row_number() OVER (ORDER BY label), row_number() OVER (ORDER BY label), label
FROM (SELECT DISTINCT outcome_label AS label FROM opendata.questions WHERE outcome_label IS NOT NULL) o;

INSERT INTO opendata_next.src_the (line, thecle, thelib, theali, thenouidt)
SELECT row_number() OVER (ORDER BY id), id, label, alias, sort_order FROM opendata.themes;

INSERT INTO opendata_next.src_tam_ministeres (line, minid, minidremp, datedebut, datefin, ordreprotocolaire, libelle, libellelong,
                                              titreministre, intitulejo, nomministre)
SELECT row_number() OVER (ORDER BY id), id, successor_id, start_date, end_date, protocol_order, name, full_name,
       minister_title, journal_title, minister_name
FROM opendata.ministries;

INSERT INTO opendata_next.src_tam_questions (line, id, reference, numero, natquecod, legislature, sorquecod, titre, txtque, rubrique,
    themes, matricule, nom, prenom, codequalite, circonscription, groupe, datejodepot, pagejodepot, mindepotid, mindepotlib,
    datejotran, mintranid, mintranlib, minrepid1, minreplib1, datejorep1, refquerappelee, daterappel, txterrque, dateerr,
    pageerr, compub)
SELECT row_number() OVER (ORDER BY q.id), q.source_id, q.id, q.number, q.nature_code, q.legislature, o.sorquecod, q.title, q.text, q.topic,
       q.theme_ids, q.author_id, q.author_last_name, q.author_first_name, q.author_civility, q.author_constituency, q.author_group,
       q.published_at, q.journal_page, q.ministry_id, q.ministry_name,
       q.transferred_at, q.transfer_ministry_id, q.transfer_ministry_name, q.answer_ministry_id, q.answer_ministry_name, q.answered_at,
       q.reminds_question_id, q.reminded_at, q.erratum_text, q.erratum_date, q.erratum_page, q.comment
FROM opendata.questions q
LEFT JOIN opendata_next.src_sortquestion o ON o.sorquelib = q.outcome_label;

INSERT INTO opendata_next.src_tam_reponses (line, idque, datejorep, txtrep, minrepid, minreplib, pagejorep, urlrep, errpage, errdate,
                                            idrepunique, txterrrep)
SELECT row_number() OVER (ORDER BY a.question_id), q.source_id, a.published_at, a.text, a.ministry_id, a.ministry_name, a.journal_page,
       a.url, a.erratum_page, a.erratum_date, a.common_answer_id, a.erratum_text
FROM opendata.answers a
JOIN opendata.questions q ON q.id = a.question_id;

INSERT INTO opendata_next.src_senators (line, matricule, qualite, nom_usuel, prenom_usuel, etat, date_naissance, date_de_deces,
    groupe_politique, type_d_app_au_grp_politique, commission_permanente, circonscription, fonction_au_bureau_du_senat,
    courrier_electronique, pcs_insee, categorie_professionnelle, description_de_la_profession)
SELECT row_number() OVER (ORDER BY id), id, civility, last_name, first_name, CASE WHEN active THEN 'ACTIF' ELSE 'ANCIEN' END,
       birth_date, death_date, group_code, group_membership, committee, constituency, bureau_function, email, pcs,
       profession_category, profession
FROM opendata.senators;

INSERT INTO opendata_next.src_senator_groups (line, matricule, groupe_politique, type_d_app_au_grp_politique, date_debut, date_fin)
SELECT row_number() OVER (), senator_id, group_code, membership, start_date, end_date FROM opendata.senator_groups;
