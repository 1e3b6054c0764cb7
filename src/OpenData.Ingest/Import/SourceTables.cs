namespace OpenData.Ingest.Import;

internal enum ColumnKind { Text, Integer, Timestamp, ThemeCodes }

/// <summary>A source column the importer reads; required ones must be in the COPY header, and not-null ones must hold a value.</summary>
internal sealed record SourceColumn(string Name, ColumnKind Kind, bool Required = false, bool NotNull = false)
{
    public string SqlType => Kind switch
    {
        ColumnKind.Integer => "bigint",
        ColumnKind.Timestamp => "timestamp",
        ColumnKind.ThemeCodes => "integer[]",
        _ => "text",
    };
}

/// <summary>
/// The tables of the Senate's dump the importer reads, and which of their columns. Columns are found by
/// name in each COPY header; the Senate adds columns over time, so unknown ones are only reported.
/// </summary>
internal sealed record SourceTable(string Name, IReadOnlyList<SourceColumn> Columns, IReadOnlySet<string> KnownUnused)
{
    /// <summary>The unlogged table the rows are bulk-loaded into before the SQL transform.</summary>
    public string RawTable => $"src_{Name}";

    private static SourceColumn Text(string name, bool required = false, bool notNull = false) => new(name, ColumnKind.Text, required, notNull);
    private static SourceColumn Int(string name, bool required = false, bool notNull = false) => new(name, ColumnKind.Integer, required, notNull);
    private static SourceColumn Date(string name, bool required = false, bool notNull = false) => new(name, ColumnKind.Timestamp, required, notNull);
    private static HashSet<string> Names(params string[] names) => new(names, StringComparer.Ordinal);

    public static readonly IReadOnlyList<SourceTable> All =
    [
        new("legquestion", [Int("legislature", true, true), Text("leglib"), Date("legdatdeb"), Date("legdatfin")], Names("republique")),
        new("naturequestion", [Text("natquecod", true, true), Text("natquelib", true), Int("natquenumtri")], Names()),
        new("sortquestion", [Int("sorquecod", true, true), Text("sorquelib", true), Int("sorquenumtri")], Names()),
        new("the", [Int("thecle", true, true), Text("thelib", true), Text("theali"), Int("thenouidt")], Names()),
        new("tam_ministeres",
        [
            Int("minid", true, true), Int("minidremp"), Date("datedebut"), Date("datefin"), Int("ordreprotocolaire"),
            Text("libelle", true), Text("libellelong"), Text("titreministre"), Text("intitulejo"), Text("nomministre"),
        ], Names()),
        new("tam_questions",
        [
            Int("id", true, true), Text("reference", true, true), Text("numero", true), Text("natquecod", true, true),
            Int("legislature", true), Int("sorquecod", true), Text("titre", true), Text("txtque"), Text("rubrique"),
            new SourceColumn("themes", ColumnKind.ThemeCodes), Text("matricule", true, true), Text("nom"), Text("prenom"),
            Text("codequalite"), Text("circonscription"), Text("groupe"), Date("datejodepot", true, true), Int("pagejodepot"),
            Int("mindepotid", true), Text("mindepotlib"), Date("datejotran"), Int("mintranid"), Text("mintranlib"),
            Int("minrepid1"), Text("minreplib1"), Date("datejorep1"), Int("delaijoursrep1"), Text("refquerappelee"),
            Date("daterappel"), Text("txterrque"), Date("dateerr"), Int("pageerr"), Text("compub"),
        ],
        Names("etaquecod", "uuid", "version", "datecloture", "delaijours", "nomtechnique", "cirnum", "datesynctam",
            "natqueord", "repub", "uuidtransori", "dattransori", "uuidtrans", "dattrans", "uuidquerappelee", "renvoi1",
            "renvoi2", "renvoi3", "datesignal", "ratgrp", "thecrible", "tranisreattr", "dateseance", "rang", "caduque_redeposee")),
        new("tam_reponses",
        [
            Int("idque", true, true), Date("datejorep", true, true), Text("txtrep"), Int("delaijoursrep"), Int("minrepid"),
            Text("minreplib"), Int("pagejorep"), Text("urlrep"), Int("errpage"), Date("errdate"), Text("idrepunique"), Text("txterrrep"),
        ], Names()),
    ];

    /// <summary>Dump tables that are known and deliberately not imported.</summary>
    public static readonly IReadOnlySet<string> KnownUnusedTables = Names("etatquestion");
}
