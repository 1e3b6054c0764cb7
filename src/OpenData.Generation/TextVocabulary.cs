namespace OpenData.Generation;

/// <summary>
/// French building blocks for titles, questions and answers. Placeholders: {sujet}, {il}/{Il} (author pronoun),
/// {n}, {annee}, {lieu}, {ref}. Accents, « guillemets », apostrophes and "double quotes" on purpose.
/// </summary>
internal static class TextVocabulary
{
    /// <summary>Title, the phrase used in sentences, and the main theme code.</summary>
    public static readonly (string Title, string Phrase, int Theme)[] Subjects =
    [
        ("Situation des communes rurales face à la désertification médicale", "la situation des communes rurales face à la désertification médicale", 17),
        ("Lutte contre la désertification médicale", "la lutte contre la désertification médicale dans les territoires", 17),
        ("Démographie médicale dans les départements ruraux", "la démographie médicale et la pénurie de médecins généralistes", 17),
        ("Zonage des aides à l'installation des médecins", "le zonage des aides à l'installation des médecins", 17),
        ("Avenir des hôpitaux de proximité", "l'avenir des hôpitaux de proximité", 17),
        ("Situation des établissements d'hébergement pour personnes âgées dépendantes", "la situation financière des EHPAD", 19),
        ("Fermeture de classes dans les communes rurales", "la fermeture de classes dans les communes rurales", 9),
        ("Remplacement des enseignants absents", "le remplacement des enseignants absents", 9),
        ("Financement des transports scolaires", "le financement des transports scolaires", 22),
        ("Accès au très haut débit", "l'accès au très haut débit dans les territoires", 2),
        ("Couverture mobile des zones blanches", "la couverture mobile des zones blanches", 2),
        ("Sécurité des ponts", "l'état des ponts et ouvrages d'art des collectivités", 22),
        ("Réouverture des petites lignes ferroviaires", "la réouverture des petites lignes ferroviaires", 22),
        ("Dotation globale de fonctionnement", "l'évolution de la dotation globale de fonctionnement", 5),
        ("Statut des secrétaires de mairie", "le statut des secrétaires de mairie", 5),
        ("Sécurité des élus locaux", "la sécurité des élus locaux face aux violences", 5),
        ("Avenir des services publics de proximité", "l'avenir des services publics de proximité", 5),
        ("Fermeture des bureaux de poste", "la fermeture des bureaux de poste en zone rurale", 2),
        ("Indemnisation des agriculteurs", "l'indemnisation des agriculteurs victimes d'intempéries", 1),
        ("Revalorisation des pensions agricoles", "la revalorisation des pensions de retraite agricoles", 1),
        ("Lutte contre le frelon asiatique", "la lutte contre le frelon asiatique", 11),
        ("Gestion de l'eau en période de sécheresse", "la gestion de la ressource en eau en période de sécheresse", 11),
        ("Prix de l'énergie pour les collectivités", "la hausse du prix de l'énergie pour les collectivités", 10),
        ("Développement de l'éolien en mer", "le développement de l'éolien en mer", 10),
        ("Prise en charge des mineurs non accompagnés", "la prise en charge des mineurs non accompagnés", 12),
        ("Fiscalité des successions", "la fiscalité des successions", 8),
        ("Taxe d'habitation sur les résidences secondaires", "la taxe d'habitation sur les résidences secondaires", 8),
        ("Recrutement des sapeurs-pompiers volontaires", "le recrutement des sapeurs-pompiers volontaires", 16),
        ("Effectifs de gendarmerie en zone rurale", "les effectifs de gendarmerie en zone rurale", 16),
        ("Délais de jugement devant les juridictions", "les délais de jugement devant les juridictions", 14),
        ("Accueil des gens du voyage", "l'accueil des gens du voyage", 15),
        ("Accès au logement social", "l'accès au logement social des jeunes actifs", 15),
        ("Réforme de l'apprentissage", "la réforme de l'apprentissage", 23),
        ("Contrôle technique des deux-roues motorisés", "le contrôle technique des deux-roues motorisés", 22),
        ("Soutien aux associations sportives", "le soutien aux associations sportives", 21),
        ("Circulation des œuvres d'art dans les musées de région", "la circulation des œuvres d'art dans les musées de région", 6),
        ("Reconnaissance des pupilles de la Nation", "la reconnaissance des pupilles de la Nation", 3),
        ("Coopération transfrontalière", "la coopération transfrontalière avec les pays voisins", 24),
        ("Continuité territoriale outre-mer", "la continuité territoriale avec les outre-mer", 26),
        ("Transmission des entreprises artisanales", "la transmission des entreprises artisanales", 29),
        ("Avenir des stations de ski de moyenne montagne", "l'avenir des stations de ski de moyenne montagne", 30),
        ("Application de l'intelligence artificielle dans les services publics", "le développement d'outils d'intelligence artificielle dans les services publics", 18),
    ];

    /// <summary>Prefixes followed by the "de ..." form of the subject phrase.</summary>
    public static readonly string[] TitlePrefixes = ["", "", "", "", "", "Conséquences ", "Bilan ", "Évolution "];

    public static readonly string[] TitleSuffixes =
    [
        "", "", "", "", "", " dans les communes rurales", " en zone de montagne", " dans les outre-mer", " en Île-de-France",
        " et égalité des territoires", " : l'urgence d'agir",
    ];

    public static readonly string[] Openings =
    [
        "attire l'attention de {ministre} sur {sujet}.",
        "appelle l'attention de {ministre} sur {sujet}.",
        "interroge {ministre} sur {sujet}.",
        "souhaite interroger {ministre} au sujet de {sujet}.",
    ];

    public static readonly string[] QuestionSentences =
    [
        "Dans de nombreuses communes rurales, les élus constatent une dégradation continue de la situation.",
        "Selon une enquête récente, près de {n} % des habitants du département sont directement concernés.",
        "Les maires, en première ligne, expriment une inquiétude légitime quant à l'avenir de leur territoire.",
        "Les associations d'élus dénoncent une « double peine » pour des territoires déjà fragilisés.",
        "Cette situation, qualifiée de \"préoccupante\" par la Cour des comptes, appelle une réponse rapide de l'État.",
        "Le cœur du problème réside dans le manque de moyens humains et financiers.",
        "À titre d'exemple, la commune de {lieu} a dû renoncer à un projet pourtant jugé prioritaire.",
        "La désertification médicale touche désormais des bassins de vie entiers, y compris en zone périurbaine.",
        "Les délais d'instruction dépassent souvent {n} mois, ce qui décourage les porteurs de projet.",
        "Le décret n° {annee}-{n} n'a apporté qu'une réponse partielle à ces difficultés.",
        "Les élus de {lieu} ont adopté à l'unanimité une motion en ce sens.",
        "Une telle évolution irait à l'encontre de l'objectif d'égalité d'accès aux services publics, pourtant réaffirmé à maintes reprises.",
        "Le contrôle exercé par les services de l'État reste très inégal d'un département à l'autre.",
        "Ce constat est d'autant plus préoccupant que les communes rurales disposent de ressources limitées.",
        "Les professionnels du secteur, déjà très sollicités, ne peuvent plus faire face à la demande.",
        "L'accès à une offre de soins de proximité et à une permanence médicale de qualité demeure une attente forte.",
        "Beaucoup de familles doivent parcourir plus de {n} kilomètres pour accéder au service le plus proche.",
        "Le rapport remis au Parlement en {annee} recommandait pourtant une évolution du dispositif.",
        "Les collectivités ont engagé des dépenses importantes sans garantie de compensation par l'État.",
        "Il en résulte un sentiment d'abandon, particulièrement vif chez les habitants des bourgs-centres.",
        "La mise en œuvre de la réforme suscite de nombreuses interrogations sur le terrain.",
        "Les règles actuelles, jugées trop complexes, freinent l'action des acteurs locaux.",
    ];

    public static readonly string[] Closings =
    [
        "{Il} lui demande donc de bien vouloir lui indiquer les mesures que le Gouvernement entend prendre pour remédier à cette situation.",
        "{Il} souhaite connaître le calendrier de mise en œuvre des engagements pris par le Gouvernement.",
        "{Il} souhaiterait savoir si une évolution de la réglementation est envisagée.",
        "En conséquence, {il} lui demande de préciser les intentions du Gouvernement en la matière.",
        "{Il} lui demande s'il entend enfin apporter une réponse à la hauteur des attentes des élus locaux.",
    ];

    public static readonly string[] AnswerOpenings =
    [
        "Le Gouvernement est pleinement mobilisé sur {sujet}.",
        "La question de {sujet} fait l'objet d'une attention constante du Gouvernement.",
        "Le Gouvernement partage la préoccupation exprimée au sujet de {sujet}.",
        "En ce qui concerne {sujet}, plusieurs mesures ont été engagées depuis l'année dernière.",
    ];

    public static readonly string[] AnswerSentences =
    [
        "Une enveloppe de {n} millions d'euros a été mobilisée à cet effet en {annee}.",
        "Les services du ministère travaillent en lien étroit avec les collectivités territoriales et les associations d'élus.",
        "S'agissant plus particulièrement de la désertification médicale, le plan d'accès aux soins prévoit de nouvelles incitations à l'installation.",
        "Le Gouvernement n'envisage pas, à ce stade, de modifier la réglementation en vigueur.",
        "Un bilan sera présenté au Parlement à l'issue de l'expérimentation, prévue pour une durée de {n} mois.",
        "La loi n° {annee}-{n} a d'ores et déjà permis des avancées significatives.",
        "Les préfets ont reçu instruction de veiller à une application homogène du dispositif sur l'ensemble du territoire.",
        "Ces mesures s'inscrivent dans le cadre de l'« Agenda rural » et bénéficient en priorité aux communes rurales.",
        "Il convient de rappeler que la compétence relève, pour l'essentiel, des collectivités territoriales.",
        "Une concertation a été engagée avec l'ensemble des acteurs concernés ; ses conclusions seront rendues publiques.",
        "Le contrôle de l'application de ces dispositions relève des services déconcentrés de l'État.",
        "Les crédits correspondants ont été reconduits en loi de finances pour {annee}.",
        "Une circulaire précisera prochainement les modalités de mise en œuvre de ces mesures.",
    ];

    public static readonly string[] Places =
    [
        "Saint-Rémy-de-Provence", "Châteauneuf-sur-Loire", "Bourg-en-Bresse", "Pont-l'Évêque", "Évreux",
        "Lons-le-Saunier", "Mende", "Aurillac", "Guéret", "Saint-Étienne-du-Rouvray", "L'Haÿ-les-Roses", "Bœrsch",
    ];

    /// <summary>The slots of the facts each question carries of its own (<see cref="TextComposer"/>).</summary>
    public static readonly string[] Towns =
    [
        "Aurillac", "Mende", "Privas", "Guéret", "Foix", "Digne-les-Bains", "Gap", "Tulle", "Cahors", "Auch", "Rodez", "Millau",
        "Lannion", "Morlaix", "Vierzon", "Nevers", "Autun", "Dole", "Pontarlier", "Épinal", "Verdun", "Sedan", "Laon", "Soissons",
        "Dieppe", "Fécamp", "Lisieux", "Alençon", "Laval", "Saumur", "Cholet", "Niort", "Rochefort", "Cognac", "Périgueux", "Sarlat",
        "Agen", "Dax", "Tarbes", "Albi", "Castres", "Carcassonne", "Narbonne", "Béziers", "Sète", "Alès", "Carpentras", "Manosque",
        "Draguignan", "Grasse", "Bastia", "Corte", "Montluçon", "Vichy", "Le Puy-en-Velay", "Annonay", "Romans-sur-Isère", "Oyonnax",
        "Saint-Dié-des-Vosges", "Lunéville", "Forbach", "Haguenau", "Vesoul", "Chaumont", "Bar-le-Duc", "Vitry-le-François",
    ];

    public static readonly string[] Bodies =
    [
        "la chambre d'agriculture", "le conseil départemental", "l'association des maires ruraux", "la fédération des parents d'élèves",
        "l'agence régionale de santé", "la sous-préfecture", "le syndicat intercommunal", "la caisse d'allocations familiales",
        "l'union départementale des associations familiales", "le centre communal d'action sociale", "la mission locale",
        "l'office de tourisme", "la communauté de communes", "le service départemental d'incendie et de secours",
        "la chambre de commerce et d'industrie", "le conseil de l'ordre des médecins",
    ];

    public static readonly string[] Findings = ["a recensé", "a dénombré", "signale", "fait état de", "compte désormais", "estime à", "déplore"];

    public static readonly string[] Counted =
    [
        "dossiers en attente", "postes vacants", "fermetures de classes", "demandes d'aide restées sans suite", "logements vacants",
        "kilomètres de voirie dégradée", "entreprises fragilisées", "exploitations en difficulté", "places manquantes", "recours déposés",
        "agents non remplacés", "bénéficiaires potentiels", "familles sans solution", "communes concernées",
    ];

    public static readonly (string Male, string Female)[] Roles =
    [
        ("maire", "maire"), ("adjoint au maire", "adjointe au maire"), ("conseiller départemental", "conseillère départementale"),
        ("président de l'association locale", "présidente de l'association locale"), ("directeur de l'établissement", "directrice de l'établissement"),
        ("secrétaire de mairie", "secrétaire de mairie"), ("délégué syndical", "déléguée syndicale"), ("médecin généraliste", "médecin généraliste"),
        ("agriculteur", "agricultrice"), ("chef d'entreprise", "cheffe d'entreprise"), ("enseignant", "enseignante"), ("infirmier libéral", "infirmière libérale"),
    ];

    /// <summary>Words an editor puts in place of others in a copied question.</summary>
    public static readonly string[] Replacements = ["important", "sérieux", "croissant", "manifeste", "durable", "certain", "réel", "inquiétant"];

    /// <summary>Themes of the "questions cribles" sessions (<c>thecrible</c>).</summary>
    public static readonly string[] CriblesThemes =
    [
        "Désertification médicale", "Politique de l'eau", "Sécurité du quotidien", "Avenir de l'agriculture",
        "Logement des jeunes", "Souveraineté énergétique", "École inclusive",
    ];
}
