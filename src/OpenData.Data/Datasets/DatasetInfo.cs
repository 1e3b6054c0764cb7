using System.Text.Json;

namespace OpenData.Data.Datasets;

/// <summary>The serving dataset: what was imported, when, from which files.</summary>
public sealed record DatasetInfo(
    long Version,
    DateTime ImportedAt,
    string ContentHash,
    IReadOnlyList<DatasetSource> Sources,
    IReadOnlyDictionary<string, long> RowCounts,
    int UnknownAuthors,
    IReadOnlyList<string> Notices,
    bool Generated,
    string? Licence,
    string? LicenceUrl,
    string? SourceUrl,
    DateOnly? AsOf,
    IReadOnlyList<DatasetDownload> Downloads);

/// <summary>A bulk file of the dataset (OpenData.Ingest's DownloadFiles), stored in opendata_meta.downloads.</summary>
/// <param name="Table">questions, answers, senators or ministries.</param>
/// <param name="Format">parquet or csv.gz.</param>
/// <param name="Name">The file's name: table.format.</param>
/// <param name="MediaType">What it is served as.</param>
/// <param name="Rows">Rows of the table it holds.</param>
/// <param name="Bytes">Its size.</param>
/// <param name="Sha256">SHA-256 of the whole file, lower-case hex.</param>
public sealed record DatasetDownload(string Table, string Format, string Name, string MediaType, long Rows, long Bytes, string Sha256);

/// <summary>One source file of an import, identified by its SHA-256.</summary>
/// <param name="Role">questions, senators, groups, or extract (the one-year CSV extract applied on top of the full files).</param>
/// <param name="Name">File name as given to the importer.</param>
/// <param name="Sha256">SHA-256 of the file as published (of the zip for a zip), lower-case hex.</param>
/// <param name="Bytes">File size in bytes.</param>
public sealed record DatasetSource(string Role, string Name, string Sha256, long Bytes);

internal sealed record DatasetRow(
    long Version, DateTime ImportedAt, string ContentHash, string Sources, string RowCounts,
    int UnknownAuthors, string Notices, bool Generated, string? Licence, string? LicenceUrl, string? SourceUrl, DateOnly? AsOf, string Downloads)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public DatasetInfo ToInfo() => new(
        Version, DateTime.SpecifyKind(ImportedAt, DateTimeKind.Utc), ContentHash,
        JsonSerializer.Deserialize<List<DatasetSource>>(Sources, Json)!,
        JsonSerializer.Deserialize<Dictionary<string, long>>(RowCounts, Json)!,
        UnknownAuthors,
        JsonSerializer.Deserialize<List<string>>(Notices, Json)!,
        Generated, Licence, LicenceUrl, SourceUrl, AsOf,
        JsonSerializer.Deserialize<List<DatasetDownload>>(Downloads, Json)!);
}
