namespace OpenData.Data.Graph;

/// <summary>Dataset, DatasetSource, DatasetDownload and RowCount.</summary>
internal sealed class DatasetGraph : GraphObject
{
    private static readonly DatasetGraph Dataset = new();
    private static readonly Source SourceFile = new();
    private static readonly Count RowCount = new();
    private static readonly Download DownloadFile = new();

    public static string Current(GraphCompiler c, FieldRead f)
    {
        var d = c.Alias("d");
        return $"(SELECT {c.Object(Dataset, d, f.Selection, NodeContext.None)} FROM {Datasets.DatasetQueries.Serving} {d})";
    }

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "version" => $"{r}.version",
        // GraphQL's DateTime: ISO 8601 in UTC, the fraction of a second without trailing zeros.
        "importedAt" => JsonSql.Timestamp($"{r}.imported_at"),
        "asOf" => JsonSql.Date(Datasets.DatasetQueries.AsOf),
        "contentHash" => $"{r}.content_hash",
        "sources" => Sources(c, r, f),
        "rowCounts" => Counts(c, r, f),
        "unknownAuthors" => $"{r}.unknown_authors",
        "notices" => $"{r}.notices::json",
        "generated" => $"{r}.generated",
        "licence" => $"{r}.licence",
        "licenceUrl" => $"{r}.licence_url",
        "sourceUrl" => $"{r}.source_url",
        "downloads" => Downloads(c, r, f),
        _ => throw Unknown(f),
    };

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

    private sealed class Source : GraphObject
    {
        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "role" => $"{r}.value->>'role'",
            "name" => $"{r}.value->>'name'",
            "sha256" => $"{r}.value->>'sha256'",
            "bytes" => $"({r}.value->>'bytes')::float8",
            _ => throw Unknown(f),
        };
    }

    private sealed class Download : GraphObject
    {
        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "table" => $"{r}.table_name",
            "format" => $"{r}.format",
            "url" => Datasets.DownloadAddress.Sql(r),
            "bytes" => $"({r}.bytes)::float8",
            "rows" => $"{r}.rows",
            "sha256" => $"{r}.sha256",
            _ => throw Unknown(f),
        };
    }

    private sealed class Count : GraphObject
    {
        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "table" => $"{r}.key",
            "rows" => $"({r}.value)::text::bigint",
            _ => throw Unknown(f),
        };
    }
}
