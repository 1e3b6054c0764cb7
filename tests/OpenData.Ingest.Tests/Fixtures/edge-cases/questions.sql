--
-- PostgreSQL database dump (hand-written edge cases, older pg_dump layout)
--

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

CREATE SCHEMA questions;
ALTER SCHEMA questions OWNER TO senat;

SET search_path = questions, pg_catalog;

--
-- Data for Name: etatquestion; Type: TABLE DATA; Schema: questions; Owner: senat
--

COPY etatquestion (etaquecod, etaquelib, etaquenumtri) FROM stdin;
100	Publiée	1
\.

COPY legquestion (legislature, republique, leglib, legdatdeb, legdatfin) FROM stdin;
15	5	15ème législature	2017-06-21 00:00:00	2022-06-21 00:00:00
16	5	16ème législature	2022-06-22 00:00:00	\N
\.

COPY naturequestion (natquecod, natquelib, natquenumtri) FROM stdin;
QE	Question écrite	1
QOSD	Question orale sans débat	2
\.

COPY sortquestion (sorquecod, sorquelib, sorquenumtri) FROM stdin;
1	Réponse du Ministère	1
2	En attente de réponse du Ministère	2
3	Caduque	3
4	Retirée	4
5	Transformée en question orale	5
6	Réponse commune	6
\.

COPY the (thecle, thelib, theali, thenouidt) FROM stdin;
1	Agriculture et pêche	AGRICULTURE ET PÊCHE	1
2	Aménagement du territoire	AMÉNAGEMENT DU TERRITOIRE	2
3	Anciens combattants	ANCIENS COMBATTANTS	3
\.

COPY tam_ministeres (minid, minidremp, datedebut, datefin, ordreprotocolaire, libelle, libellelong, titreministre, intitulejo, nomministre) FROM stdin;
10	20	2020-01-01 00:00:00	2022-01-01 00:00:00	1	Intérieur	Ministère de l'Intérieur	Ministre	Intérieur	Jean Valjean
11	20	2020-01-01 00:00:00	2022-01-01 00:00:00	2	Outre-mer	Ministère des Outre-mer	Ministre	Outre-mer	Émile Zola
20	30	2022-01-01 00:00:00	2024-01-01 00:00:00	1	Intérieur et outre-mer	Ministère de l'Intérieur et des Outre-mer	Ministre	Intérieur et outre-mer	Gérard Œuvray
30	\N	2024-01-01 00:00:00	\N	1	Intérieur	Ministère de l'Intérieur	Ministre	Intérieur	Chloé Dubois
40	\N	2020-01-01 00:00:00	\N	2	Culture	Ministère de la Culture	Ministre	Culture	Hélène Garnier
\.

COPY tam_questions (reference, id, natquecod, numero, legislature, sorquecod, titre, txtque, rubrique, themes, matricule, nom, prenom, codequalite, circonscription, groupe, datejodepot, pagejodepot, mindepotid, mindepotlib, datejotran, mintranid, mintranlib, minrepid1, minreplib1, datejorep1, delaijoursrep1, refquerappelee, daterappel, nouvelle_colonne) FROM stdin;
SEQ200100001	101	QE	00001	15	1	Désertification médicale \\ « zones rurales »	Première ligne\navec\ttabulation, barre \\ oblique et « guillemets » l'apostrophe "citée".\r\nFin.	Santé	#1#3#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2020-01-15 00:00:00	101	10	Ministère de l'Intérieur	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ200200002	102	QE	00002	15	2	Sécurité des ponts	Les communes rurales attendent.	Transports	#2#	01002B	L'HÔTE	Éric	M.	Bouches-du-Rhône	UMP	2020-02-10 00:00:00	202	11	Ministère des Outre-mer	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ210300003	103	QE	00003	15	3	Question caduque	Texte.	Justice	#2#	99999Z	INCONNU	Jean	M.	Paris	NI	2021-03-01 00:00:00	303	10	Ministère de l'Intérieur	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ210400004	104	QE	00004	15	4	Question retirée	Texte.	Justice	#3#7#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2021-04-01 00:00:00	\N	40	Ministère de la Culture	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ210500005	105	QE	00005	15	5	Question transformée	Texte.	Justice		01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2021-05-01 00:00:00	\N	40	Ministère de la Culture	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEO210600006	106	QOSD	00006	15	1	Question orale	Texte oral.	Culture	\N	01002B	L'HÔTE	Éric	M.	Bouches-du-Rhône	UMP	2021-06-10 00:00:00	\N	40	Ministère de la Culture	\N	\N	\N	40	Ministère de la Culture	\N	\N	\N	\N	x
SEQ220700007	107	QE	00007	16	6	Réponse commune	Texte commun.	Culture	#1#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2022-07-05 00:00:00	\N	20	Ministère de l'Intérieur et des Outre-mer	2022-07-20 00:00:00	40	Ministère de la Culture	\N	\N	\N	\N	\N	\N	x
SEQ220700008	108	QE	00008	16	6	Réponse commune	Texte commun.	Culture	#1#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2022-07-06 00:00:00	\N	20	Ministère de l'Intérieur et des Outre-mer	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ220700009	109	QE	00009	16	6	Réponse commune	Texte commun.	Culture	#1#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2022-07-07 00:00:00	\N	20	Ministère de l'Intérieur et des Outre-mer	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
SEQ220800010	110	QE	00010	16	2	Réponse sans ligne	Texte.	Culture	#1#	01002B	L'HÔTE	Éric	M.	Bouches-du-Rhône	UMP	2022-08-01 00:00:00	\N	20	Ministère de l'Intérieur et des Outre-mer	\N	\N	\N	20	Ministère de l'Intérieur et des Outre-mer	2022-10-01 00:00:00	61	\N	\N	x
SEQ230100011	111	QE	00011	16	2	Rappel	Je rappelle ma question.	Transports	#2#	01002B	L'HÔTE	Éric	M.	Bouches-du-Rhône	UMP	2023-01-10 00:00:00	\N	99	Ministère de la Mer	\N	\N	\N	\N	\N	\N	\N	SEQ200200002	2023-01-10 00:00:00	x
SEQ240100012	112	QE	00012	16	1	Deux réponses	Texte.	Transports	#2#	01001A	DUPRÉ	Anne	Mme	Côte-d'Or	UC	2024-01-02 00:00:00	\N	30	Ministère de l'Intérieur	\N	\N	\N	\N	\N	\N	\N	\N	\N	x
\.

COPY tam_reponses (idque, datejorep, txtrep, delaijoursrep, minrepid, minreplib, pagejorep, urlrep, errpage, errdate, idrepunique, txterrrep) FROM stdin;
101	2020-03-02 00:00:00	Réponse : la désertification médicale est suivie.\nSecond paragraphe.	47	10	Intérieur	1234	\N	\N	\N	\N	\N
106	2021-07-01 00:00:00	Réponse orale.	21	\N	Culture	\N	\N	\N	\N	\N	\N
107	2022-09-01 00:00:00	Réponse commune aux trois questions.	58	40	Culture	777	\N	\N	\N	rep-A	\N
108	2022-09-01 00:00:00	Réponse commune aux trois questions.	58	40	Culture	777	\N	\N	\N	rep-A	\N
109	2022-09-01 00:00:00	Réponse commune aux trois questions.	58	40	Culture	777	\N	\N	\N	rep-A	\N
112	2024-03-01 00:00:00	Seconde réponse, plus tardive.	59	30	Intérieur	\N	\N	\N	\N	\N	\N
112	2024-02-01 00:00:00	Première réponse.	30	30	Intérieur	\N	\N	12	2024-02-15 00:00:00	\N	Erratum.
999	2024-02-01 00:00:00	Réponse orpheline.	1	30	Intérieur	\N	\N	\N	\N	\N	\N
\.

COPY table_inconnue (a, b) FROM stdin;
1	2
\.

-- Outside COPY blocks nothing is data: a stray terminator, as in some published dumps, and a psql meta-command.
\.

\restrict 7qmExYShLAqcw8DTjmyNd1CdAMNwGq1a9vQp2JP6vIoVeYXKPBOPcUppsjmJjcH

--
-- PostgreSQL database dump complete
--
