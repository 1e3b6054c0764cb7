using OpenData.Data.Graph;
using OpenData.Data.Representations;

namespace OpenData.Data.Datasets;

/// <summary>
/// REST's dataset: the declaration's (<see cref="DatasetGraph"/>) but for what REST gives its own way: its version and
/// sizes as int64, its row counts as a map by table, its licence as an object with its URL, the source's URL as source, a
/// sentence describing it, its link.
/// </summary>
public static class DatasetRepresentations
{
    private static readonly Representation Source = Representation.Of("DatasetSource", GraphDeclarations.DatasetSource,
        new RepresentationField("bytes", "Long!", "File size in bytes.", r => $"({r}.value->>'bytes')::bigint"));

    private static readonly Representation Download = Representation.Of("DownloadLink", GraphDeclarations.DatasetDownload,
        new("bytes", "Long!", "Its size.", r => $"{r}.bytes"),
        new("rows", "Long!", "Rows of the table it holds.", r => $"{r}.rows"));

    private static readonly Representation Licence = Representation.Own("LicenceInfo", "A licence: its name and where its text is.",
        new("name", "String!", "Name of the licence.", r => $"{r}.licence"),
        new("url", "String!", "Where its text is.", r => $"coalesce({r}.licence_url, '')"));

    private static readonly Representation Links = RepresentationReferences.SelfLink(_ => "'/v1/dataset'");

    private const string Generated = "Generated data: synthetic questions, answers, senators and ministries written by opendata-ingest generate in the Senate's formats, " +
        "but for one real question, SEQ240611950, as the Senate published it (Sénat, data.senat.fr, Licence Ouverte 2.0).";

    private const string Published = "The Senate's parliamentary questions to the government, as published on data.senat.fr.";

    /// <summary>The dataset, over its row of opendata.dataset.</summary>
    public static readonly Representation Dataset = Representation.Of("DatasetResponse", GraphDeclarations.Dataset,
        new("version", "Long!", "Increases with every import; ETags derive from it.", r => $"{r}.version"),
        new("sources", "[DatasetSource!]!", "The files the dataset was imported from.",
            r => $"to_json(array(SELECT {Source.Object("e")} FROM jsonb_array_elements({r}.sources) WITH ORDINALITY e(value, n) ORDER BY e.n))") { Object = Source },
        // In the order PostgreSQL keeps a jsonb object's keys (shorter first), written without its layout.
        new("rowCounts", "Long!", "Rows per resource.",
            r => $"(SELECT '{{' || coalesce(string_agg(to_json(e.key)::text || ':' || e.value::text, ',' ORDER BY e.n), '') || '}}' FROM jsonb_each({r}.row_counts) WITH ORDINALITY e(key, value, n))::json")
        { IsMap = true },
        new("description", "String!", "What the data is, in a sentence.",
            r => $"CASE WHEN {r}.generated THEN {JsonSql.Literal(Generated)} ELSE {JsonSql.Literal(Published)} END") { After = "generated" },
        RepresentationField.Holding("licence", Licence, "Licence of the data; null for generated data.", r => $"{r}.licence IS NOT NULL"),
        RepresentationField.Left("licenceUrl", "REST gives it as licence.url"),
        RepresentationField.Left("sourceUrl", "REST gives it as source"),
        new("source", "String", "Where the Senate publishes the files; null for generated data.", r => $"{r}.source_url") { After = "licence" },
        new("downloads", "[DownloadLink!]!",
            "The dataset as bulk files, Parquet and gzipped CSV for each table, with their rows, bytes and SHA-256 (empty for a dataset imported before they were written).",
            r => $"to_json(array(SELECT {Download.Object("x")} FROM opendata_meta.downloads x WHERE x.version = {r}.version ORDER BY {DatasetQueries.DownloadOrder("x")}))")
        { Object = Download },
        RepresentationField.Holding("links", Links, "Links to related API resources."));
}
