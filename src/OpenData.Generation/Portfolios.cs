namespace OpenData.Generation;

internal enum PortfolioRank
{
    PrimeMinister,
    Minister,
    Delegate,
    StateSecretary,
}

/// <summary>
/// A government portfolio: label variants (short label, "de ..." phrase) that governments rename between,
/// the themes it answers for, how often questions go to it, and how often it exists (1 = every government).
/// </summary>
internal sealed record Portfolio(
    string Key,
    PortfolioRank Rank,
    (string Label, string Phrase)[] Variants,
    int[] Themes,
    double Weight,
    double Presence = 1.0,
    string? Parent = null,
    string? SecondParent = null);

internal static class Portfolios
{
    public static readonly Portfolio[] All =
    [
        new("pm", PortfolioRank.PrimeMinister, [("Premier ministre", "")], [25], 0.6),
        new("interieur", PortfolioRank.Minister, [("Intérieur", "de l'intérieur"), ("Intérieur et outre-mer", "de l'intérieur et des outre-mer"), ("Intérieur et aménagement du territoire", "de l'intérieur et de l'aménagement du territoire")], [16, 5, 20, 25], 9),
        new("etranger", PortfolioRank.Minister, [("Europe et affaires étrangères", "de l'Europe et des affaires étrangères"), ("Affaires étrangères", "des affaires étrangères")], [28, 24], 3),
        new("economie", PortfolioRank.Minister, [("Économie, finances et souveraineté industrielle et numérique", "de l'économie, des finances et de la souveraineté industrielle et numérique"), ("Économie et finances", "de l'économie et des finances"), ("Économie, finances et relance", "de l'économie, des finances et de la relance")], [8, 27, 4], 9),
        new("armees", PortfolioRank.Minister, [("Armées", "des armées"), ("Défense", "de la défense")], [7, 3], 2),
        new("justice", PortfolioRank.Minister, [("Justice", "de la justice")], [14], 4),
        new("education", PortfolioRank.Minister, [("Éducation nationale", "de l'éducation nationale"), ("Éducation nationale et jeunesse", "de l'éducation nationale et de la jeunesse")], [9, 21], 5),
        new("sante", PortfolioRank.Minister, [("Santé et prévention", "de la santé et de la prévention"), ("Solidarités et santé", "des solidarités et de la santé"), ("Affaires sociales et santé", "des affaires sociales et de la santé")], [17, 19], 7),
        new("travail", PortfolioRank.Minister, [("Travail, plein emploi et insertion", "du travail, du plein emploi et de l'insertion"), ("Travail", "du travail"), ("Travail, emploi et dialogue social", "du travail, de l'emploi et du dialogue social")], [23, 19], 4),
        new("agriculture", PortfolioRank.Minister, [("Agriculture et souveraineté alimentaire", "de l'agriculture et de la souveraineté alimentaire"), ("Agriculture et alimentation", "de l'agriculture et de l'alimentation"), ("Agriculture et pêche", "de l'agriculture et de la pêche")], [1], 6),
        new("ecologie", PortfolioRank.Minister, [("Transition écologique et cohésion des territoires", "de la transition écologique et de la cohésion des territoires"), ("Transition écologique", "de la transition écologique"), ("Écologie, développement durable et énergie", "de l'écologie, du développement durable et de l'énergie")], [11, 2, 10, 15], 7),
        new("culture", PortfolioRank.Minister, [("Culture", "de la culture"), ("Culture et communication", "de la culture et de la communication")], [6], 2.5),
        new("recherche", PortfolioRank.Minister, [("Enseignement supérieur et recherche", "de l'enseignement supérieur et de la recherche"), ("Enseignement supérieur, recherche et innovation", "de l'enseignement supérieur, de la recherche et de l'innovation")], [18, 9], 1.5),
        new("fonctionpublique", PortfolioRank.Minister, [("Transformation et fonction publiques", "de la transformation et de la fonction publiques"), ("Fonction publique", "de la fonction publique")], [13], 1.5),
        new("sports", PortfolioRank.Minister, [("Sports", "des sports"), ("Sports et jeux Olympiques et Paralympiques", "des sports et des jeux Olympiques et Paralympiques")], [21], 1),
        new("solidarites", PortfolioRank.Minister, [("Solidarités et familles", "des solidarités et des familles"), ("Familles, enfance et droits des femmes", "des familles, de l'enfance et des droits des femmes")], [12, 17, 20], 3),
        new("outremer", PortfolioRank.Minister, [("Outre-mer", "des outre-mer")], [26], 1.5, 0.8),
        new("energie", PortfolioRank.Minister, [("Transition énergétique", "de la transition énergétique")], [10], 1.5, 0.4),
        new("logement", PortfolioRank.Delegate, [("Ville et logement", "de la ville et du logement"), ("Logement", "du logement")], [15], 2, Parent: "ecologie"),
        new("comptes", PortfolioRank.Delegate, [("Comptes publics", "des comptes publics")], [4, 8], 3, Parent: "economie"),
        new("collectivites", PortfolioRank.Delegate, [("Collectivités territoriales et ruralité", "des collectivités territoriales et de la ruralité"), ("Collectivités territoriales", "des collectivités territoriales")], [5, 2], 6, Parent: "interieur", SecondParent: "ecologie"),
        new("transports", PortfolioRank.Delegate, [("Transports", "des transports")], [22], 3, Parent: "ecologie"),
        new("industrie", PortfolioRank.Delegate, [("Industrie", "de l'industrie")], [27], 1.5, 0.7, Parent: "economie"),
        new("europe", PortfolioRank.Delegate, [("Europe", "de l'Europe")], [24], 1, 0.8, Parent: "etranger"),
        new("parlement", PortfolioRank.Delegate, [("Relations avec le Parlement", "des relations avec le Parlement")], [25], 0.5, Parent: "pm"),
        new("pme", PortfolioRank.Delegate, [("PME, commerce, artisanat et tourisme", "des petites et moyennes entreprises, du commerce, de l'artisanat et du tourisme")], [29, 30, 27], 2, Parent: "economie"),
        new("combattants", PortfolioRank.StateSecretary, [("Anciens combattants et mémoire", "des anciens combattants et de la mémoire")], [3], 1.5, Parent: "armees"),
        new("numerique", PortfolioRank.Delegate, [("Transition numérique et télécommunications", "de la transition numérique et des télécommunications")], [18, 27], 1, 0.5, Parent: "economie"),
        new("ville", PortfolioRank.Delegate, [("Ville", "de la ville")], [15, 20], 1, 0.3, Parent: "ecologie"),
        new("mer", PortfolioRank.StateSecretary, [("Mer", "de la mer")], [1, 11], 0.8, 0.4, Parent: "pm"),
        new("commerceexterieur", PortfolioRank.Delegate, [("Commerce extérieur et attractivité", "du commerce extérieur, de l'attractivité et des Français de l'étranger")], [28, 27], 0.8, 0.5, Parent: "etranger"),
        new("formationpro", PortfolioRank.Delegate, [("Enseignement et formation professionnels", "de l'enseignement et de la formation professionnels")], [23, 9], 1, 0.4, Parent: "travail", SecondParent: "education"),
        new("professionssante", PortfolioRank.Delegate, [("Organisation territoriale et professions de santé", "de l'organisation territoriale et des professions de santé")], [17], 2, 0.4, Parent: "sante"),
        new("biodiversite", PortfolioRank.StateSecretary, [("Écologie", "de l'écologie"), ("Biodiversité", "de la biodiversité")], [11], 1, 0.4, Parent: "ecologie"),
        new("citoyennete", PortfolioRank.Delegate, [("Citoyenneté", "de la citoyenneté")], [16, 20], 0.8, 0.3, Parent: "interieur"),
        new("jeunesse", PortfolioRank.StateSecretary, [("Jeunesse et service national universel", "de la jeunesse et du service national universel")], [9, 21], 0.8, 0.4, Parent: "education"),
        new("egalite", PortfolioRank.Delegate, [("Égalité entre les femmes et les hommes", "de l'égalité entre les femmes et les hommes et de la lutte contre les discriminations")], [20, 12], 1, 0.6, Parent: "pm"),
        new("autonomie", PortfolioRank.Delegate, [("Autonomie et personnes handicapées", "de l'autonomie et des personnes handicapées")], [17, 12], 1.5, 0.4, Parent: "solidarites"),
        new("ess", PortfolioRank.StateSecretary, [("Économie sociale et solidaire", "de l'économie sociale et solidaire et de la vie associative")], [27, 23], 0.5, 0.3, Parent: "economie"),
        new("ruralite", PortfolioRank.StateSecretary, [("Ruralité", "de la ruralité")], [2, 5], 1, 0.3, Parent: "ecologie"),
        new("tourisme", PortfolioRank.StateSecretary, [("Tourisme", "du tourisme")], [30], 0.6, 0.3, Parent: "etranger"),
        new("consommation", PortfolioRank.StateSecretary, [("Consommation", "de la consommation")], [29, 27], 0.5, 0.2, Parent: "economie"),
    ];

    public static int IndexOf(string key) => Array.FindIndex(All, p => p.Key == key);
}
