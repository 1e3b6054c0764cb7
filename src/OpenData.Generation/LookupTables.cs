namespace OpenData.Generation;

/// <summary>The small lookup tables, with the rows the Senate publishes.</summary>
internal static class LookupTables
{
    public static readonly (string Code, string Label, int Sort)[] States =
    [
        ("100", "Publiée", 1),
        ("200", "Réponse publiée", 2),
        ("300", "Close", 3),
    ];

    /// <summary>Question kinds in table order; <see cref="QuestionKind"/> indexes this array.</summary>
    public static readonly (string Code, string Label, int Sort)[] Natures =
    [
        ("QE", "Question écrite", 1),
        ("QOSD", "Question orale sans débat", 2),
        ("QG", "Question d'actualité au Gouvernement", 3),
        ("QC", "Question cribles thématiques", 4),
        ("QOAD", "Question orale avec débat", 5),
        ("QOAE", "Question orale avec débat portant sur un sujet européen", 6),
    ];

    public static readonly (int Code, string Label)[] Outcomes =
    [
        (1, "Réponse du Ministère"),
        (2, "En attente de réponse du Ministère"),
        (3, "Caduque"),
        (4, "Retirée"),
        (5, "Transformée en question orale"),
        (6, "Réponse commune"),
    ];

    public static readonly string[] Themes =
    [
        "Agriculture et pêche", "Aménagement du territoire", "Anciens combattants", "Budget",
        "Collectivités territoriales", "Culture", "Défense", "Économie et finances, fiscalité",
        "Éducation", "Énergie", "Environnement", "Famille", "Fonction publique", "Justice",
        "Logement et urbanisme", "Police et sécurité", "Questions sociales et santé",
        "Recherche, sciences et techniques", "Sécurité sociale", "Société", "Sports", "Transports",
        "Travail", "Union européenne", "Pouvoirs publics et Constitution", "Outre-mer", "Entreprises",
        "Affaires étrangères et coopération", "PME, commerce et artisanat", "Tourisme",
    ];

    /// <summary>Political group codes with their rough share of seats.</summary>
    public static readonly (string Code, double Weight)[] Groups =
    [
        ("LR", 0.33), ("SER", 0.18), ("UC", 0.16), ("RDPI", 0.06), ("CRCE-K", 0.05),
        ("GEST", 0.05), ("RDSE", 0.05), ("LIRT", 0.04), ("NI", 0.03),
    ];

    public static readonly double[] GroupCumulativeWeights = RandomExtensions.Cumulative(Groups.Select(g => g.Weight));
}

/// <summary>Question kinds, in <see cref="LookupTables.Natures"/> order.</summary>
internal enum QuestionKind : byte
{
    Written = 0,
    OralWithoutDebate = 1,
    Topical = 2,
    Cribles = 3,
    OralWithDebate = 4,
    OralWithDebateEuropean = 5,
}

internal static class QuestionKinds
{
    /// <summary>Target shares, in enum order: ~85% QE, 8% QOSD, 5% QG, 1.5% QC, the rest QOAD/QOAE.</summary>
    public static readonly double[] Shares = [0.85, 0.08, 0.05, 0.015, 0.003, 0.002];

    public static string Code(this QuestionKind kind) => LookupTables.Natures[(int)kind].Code;

    /// <summary>The letter of the reference: Q written, O oral (QOSD/QOAD/QOAE), G topical, C cribles.</summary>
    public static char Letter(this QuestionKind kind) => kind switch
    {
        QuestionKind.Written => 'Q',
        QuestionKind.Topical => 'G',
        QuestionKind.Cribles => 'C',
        _ => 'O',
    };

    /// <summary>Index of the letter's numbering sequence (0..3).</summary>
    public static int LetterIndex(this QuestionKind kind) => kind switch
    {
        QuestionKind.Written => 0,
        QuestionKind.Topical => 2,
        QuestionKind.Cribles => 3,
        _ => 1,
    };

    public static bool IsOral(this QuestionKind kind) => kind != QuestionKind.Written;
}
