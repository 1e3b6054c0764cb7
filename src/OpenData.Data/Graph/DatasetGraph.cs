namespace OpenData.Data.Graph;

/// <summary>Dataset, DatasetSource, DatasetDownload and RowCount.</summary>
internal sealed class DatasetGraph : DeclaredGraph
{
    public static readonly DatasetGraph Dataset = new();

    public static string Current(GraphCompiler c, FieldRead f)
    {
        var d = c.Alias("d");
        return $"(SELECT {c.Object(Dataset, d, f.Selection, NodeContext.None)} FROM {Datasets.DatasetQueries.Serving} {d})";
    }

    public override ObjectDeclaration Declaration { get; } = new("Dataset", "The dataset being served: version, import time, source files, row counts and licence.",
    [
        GraphField.Column("version", "Int!", "Increases with every import.", r => $"{r}.version"),
        GraphField.Timestamp("importedAt", "DateTime!", "When the import landed (UTC).", r => $"{r}.imported_at"),
        GraphField.Column("asOf", "Date", "The date of the newest publication in the source (a question or an answer in the Journal officiel): the day the data speaks for, at which a question still awaiting an answer has waited so far. Null before the first question.", r => JsonSql.Date(Datasets.DatasetQueries.AsOf)),
        GraphField.Column("contentHash", "String!", "SHA-256 over the source files' checksums: equal for imports of the same files.", r => $"{r}.content_hash"),
        GraphField.Compiled("sources", "[DatasetSource!]!", "The source files imported.", (c, r, f, context) => Sources(c, r, f)),
        GraphField.Compiled("rowCounts", "[RowCount!]!", "Rows per served table.", (c, r, f, context) => Counts(c, r, f)),
        GraphField.Column("unknownAuthors", "Int!", "Questions whose author is missing from the senators file (served with the author as named in the question).", r => $"{r}.unknown_authors"),
        GraphField.Column("notices", "[String!]!", "What the importer noticed in the source files (skipped rows, unknown labels).", r => $"to_json(array(SELECT jsonb_array_elements_text({r}.notices)))"),
        GraphField.Column("generated", "Boolean!", "True for synthetic data written by `opendata-ingest generate`: not the Senate's data, but for its one real question (SEQ240611950); the licence and the source are then null.", r => $"{r}.generated"),
        GraphField.Column("licence", "String", "Licence of the data; null for generated data.", r => $"{r}.licence"),
        GraphField.Column("licenceUrl", "String", "Text of the licence; null for generated data.", r => $"{r}.licence_url"),
        GraphField.Column("sourceUrl", "String", "Where the data comes from; null for generated data.", r => $"{r}.source_url"),
        GraphField.Compiled("downloads", "[DatasetDownload!]!", "The dataset as bulk files: Parquet and gzipped CSV for each table (REST: /v1/dataset's downloads).", (c, r, f, context) => Downloads(c, r, f)),
    ]);

    private static string Downloads(GraphCompiler c, string r, FieldRead f)
    {
        var e = c.Alias("e");
        return JsonSql.Array(c.NestedList(Datasets.DatasetQueries.MostDownloads, () => c.Object(DownloadFile, e, f.Selection, NodeContext.None)),
            $"opendata_meta.downloads {e} WHERE {e}.version = {r}.version", Datasets.DatasetQueries.DownloadOrder(e));
    }

    private static string Sources(GraphCompiler c, string r, FieldRead f)
    {
        var e = c.Alias("e");
        return JsonSql.Array(c.NestedList(3, () => c.Object(SourceFile, e, f.Selection, NodeContext.None)), $"jsonb_array_elements({r}.sources) WITH ORDINALITY {e}(value, n)", $"{e}.n");
    }

    private static string Counts(GraphCompiler c, string r, FieldRead f)
    {
        var e = c.Alias("e");
        return JsonSql.Array(c.NestedList(32, () => c.Object(RowCount, e, f.Selection, NodeContext.None)), $"jsonb_each({r}.row_counts) {e}", $"{e}.key COLLATE \"C\"");
    }

    public static readonly DeclaredGraph SourceFile = new RowGraph(new("DatasetSource", "One source file of an import, identified by its SHA-256.",
    [
        GraphField.Column("role", "String!", "questions, senators, groups, or extract (the one-year CSV extract applied on top of the full files).", r => $"{r}.value->>'role'"),
        GraphField.Column("name", "String!", "File name as given to the importer.", r => $"{r}.value->>'name'"),
        GraphField.Column("sha256", "String!", "SHA-256 of the file as published (of the zip for a zip), lower-case hex.", r => $"{r}.value->>'sha256'"),
        GraphField.Column("bytes", "Float!", "Size in bytes.", r => $"({r}.value->>'bytes')::float8"),
    ]));

    public static readonly DeclaredGraph DownloadFile = new RowGraph(new("DatasetDownload", "A table of the dataset as a file, served at url (GET, ranges accepted, cached for a year).",
    [
        GraphField.Column("table", "String!", "questions, answers, senators or ministries.", r => $"{r}.table_name"),
        GraphField.Column("format", "String!", "parquet (typed columns, dates as dates, Zstandard) or csv.gz (RFC 4180, UTF-8, a header line, gzipped).", r => $"{r}.format"),
        GraphField.Column("url", "String!", "Where it is served, relative to the API (GET, ranges accepted, cached for a year).", r => Datasets.DownloadAddress.Sql(r)),
        GraphField.Column("bytes", "Float!", "Size in bytes.", r => $"({r}.bytes)::float8"),
        GraphField.Column("rows", "Int!", "Rows of the table it holds.", r => $"{r}.rows"),
        GraphField.Column("sha256", "String!", "SHA-256 of the file, lower-case hex (also its ETag).", r => $"{r}.sha256"),
    ]));

    public static readonly DeclaredGraph RowCount = new RowGraph(new("RowCount", "The number of rows of one served table.",
    [
        GraphField.Column("table", "String!", "Table name.", r => $"{r}.key"),
        GraphField.Column("rows", "Int!", "Rows.", r => $"({r}.value)::text::bigint"),
    ]));
}
