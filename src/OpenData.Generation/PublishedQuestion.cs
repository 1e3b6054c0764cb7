namespace OpenData.Generation;

/// <summary>
/// The one real question every generated dataset holds, as the Senate published it (data.senat.fr, Licence Ouverte
/// 2.0): written question SEQ240611950 of M. Hervé Maurey (senator 08037L, Eure, Union Centriste), JO of 6 June 2024
/// page 2565, to the ministry for local authorities and rurality (minid 900), awaiting an answer; with its author and
/// that ministry. The documented examples (/v1/questions/SEQ240611950, /v1/senators/08037L, /v1/ministries/900)
/// then work on any dataset, generated or real.
/// </summary>
internal static class PublishedQuestion
{
    public const string Reference = OpenData.Data.Datasets.GeneratedData.RealQuestionId;
    public const string Matricule = "08037L";
    public const long MinistryId = 900;

    /// <summary>The real question's day of publication (6 June 2024).</summary>
    public static readonly int Published = Days.Of(2024, 6, 6);

    /// <summary>
    /// The real question's text as another senator tables it (a planted twin, <see cref="TwinPlanner"/>): their name and
    /// minister in the opening formula, the same words after it.
    /// </summary>
    public static string CopiedBy(Senator author, Ministry ministry)
    {
        var text = Question["txtque"];
        return $"{author.Civility} {author.FirstName} {author.LastName} attire l'attention de {ministry.Addressee}{text[text.IndexOf(" sur la nécessité", StringComparison.Ordinal)..]}";
    }

    /// <summary>The planner's key of the reference (letter, yymm, number), kept out of the generated numbering.</summary>
    public const long ReferenceKey = (0L * 10_000 + 2406) * 100_000 + 11950;

    /// <summary>The tam_questions row by column (decoded values; absent columns are NULL), but for its internal id.</summary>
    private static readonly Dictionary<string, string> Question = new(StringComparer.Ordinal)
    {
        ["sorquecod"] = "2", ["matricule"] = Matricule, ["natquecod"] = "QE", ["legislature"] = "16", ["etaquecod"] = "100",
        ["uuid"] = "seq-16-11950", ["numero"] = "11950", ["reference"] = Reference,
        ["titre"] = "Développement d'outils d'intelligence artificielle dans les services publics de proximité",
        ["version"] = "1", ["nom"] = "MAUREY", ["prenom"] = "Hervé", ["nomtechnique"] = "MAUREY HERVE", ["codequalite"] = "M.",
        ["cirnum"] = "27", ["circonscription"] = "Eure", ["groupe"] = "UC", ["rubrique"] = "Collectivités territoriales",
        ["datejodepot"] = "2024-06-06 00:00:00", ["mindepotid"] = "900",
        ["mindepotlib"] = "Ministère auprès du ministre de l'intérieur et des outre-mer et du ministre de la transition écologique et de la cohésion des territoires, chargé des collectivités territoriales et de la ruralité",
        ["natqueord"] = "1", ["repub"] = "5",
        ["txtque"] = "M. Hervé Maurey attire l'attention de Mme la ministre déléguée auprès du ministre de l'intérieur et des outre-mer et du ministre de la transition écologique et de la cohésion des territoires, chargée des collectivités territoriales et de la ruralité sur la nécessité de développer des outils d'intelligence artificielle (IA) dans le service public à condition qu'ils permettent l'amélioration effective des services publics de proximité dans les territoires.\n" +
            "Alors que le Premier ministre indique vouloir « réhumaniser le service public grâce à l'intelligence artificielle » [...]\n" +
            "Le sénateur souhaite donc connaître les actions que le Gouvernement entend mener afin que les futurs outils d'intelligence artificielle soient bien conçus au service des usagers et des agents du service public.",
        ["themes"] = "#5#", ["pagejodepot"] = "2565",
    };

    /// <summary>The tam_ministeres row of minid 900, by column.</summary>
    private static readonly Dictionary<string, string> Ministry = new(StringComparer.Ordinal)
    {
        ["minid"] = "900", ["datedebut"] = "2024-01-11 00:00:00", ["datefin"] = "2024-09-21 00:00:00", ["ordreprotocolaire"] = "30",
        ["libelle"] = "Collectivités territoriales et ruralité",
        ["libellelong"] = "Ministère auprès du ministre de l'intérieur et des outre-mer et du ministre de la transition écologique et de la cohésion des territoires, chargé des collectivités territoriales et de la ruralité",
        ["titreministre"] = "Ministre déléguée", ["intitulejo"] = "Collectivités territoriales et ruralité", ["nomministre"] = "Dominique Faure",
    };

    /// <summary>The author, as the senators files list him (in the Union Centriste group since the 2023 renewal).</summary>
    public static Senator Author() => new()
    {
        Matricule = Matricule,
        Female = false,
        FirstName = "Hervé",
        LastName = "Maurey",
        Constituency = "Eure",
        ConstituencyNumber = 27,
        Known = true,
        Active = true,
        Birth = Days.Of(1961, 4, 29),
        MandateStart = Days.Of(2023, 10, 1),
        Committee = "commission des finances",
        Profession = Array.FindIndex(PeopleVocabulary.Professions, p => p.Description == "Cadre supérieur"),
        Email = "h.maurey@senat.fr",
        Memberships = { new Membership("UC", null, Days.Of(2023, 10, 1), Days.None) },
    };

    public static void WriteQuestion(CopyRowWriter row, long id) => Write(row, "tam_questions", Question, ("id", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));

    public static void WriteMinistry(CopyRowWriter row) => Write(row, "tam_ministeres", Ministry);

    /// <summary>One row in the generated dump's column order.</summary>
    private static void Write(CopyRowWriter row, string table, Dictionary<string, string> values, (string Column, string Value)? extra = null)
    {
        foreach (var (column, _) in DumpSchema.Tables.Single(t => t.Name == table).Columns)
            row.Text(column == extra?.Column ? extra.Value.Value : values.GetValueOrDefault(column));
        row.EndRow();
    }
}
