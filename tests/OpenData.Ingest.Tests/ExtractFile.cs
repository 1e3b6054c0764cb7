using System.Text;
using Dapper;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

/// <summary>The one-year extract as lines of fields, to edit by column name and write back as the Senate publishes it (ISO-8859-1, |, CRLF).</summary>
public sealed class ExtractFile
{
    private readonly string[] header;

    public ExtractFile(string path)
    {
        var lines = Encoding.Latin1.GetString(File.ReadAllBytes(path)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        header = lines[0].Split('|');
        Rows = lines[1..].Select(l => l.Split('|')).ToList();
    }

    public List<string[]> Rows { get; }

    public string Get(string[] row, string column) => row[Array.IndexOf(header, column)];
    public void Set(string[] row, string column, string value) => row[Array.IndexOf(header, column)] = value;
    public string[] Row(string reference) => Rows.Single(r => Get(r, "Référence") == reference);

    /// <summary>The line a row is on in the written file (the header is line 1).</summary>
    public int LineOf(string reference) => Rows.FindIndex(r => Get(r, "Référence") == reference) + 2;

    public byte[] Bytes() => Encoding.Latin1.GetBytes(string.Concat(new[] { header }.Concat(Rows).Select(r => string.Join('|', r) + "\r\n")));

    public string WriteTo(string path)
    {
        File.WriteAllBytes(path, Bytes());
        return path;
    }
}

/// <summary>What a client of the serving dataset would notice: its version, its questions, and every question's content hash.</summary>
public static class DatasetSnapshot
{
    public static async Task<(long Version, long Questions, string Hashes)> TakeAsync(TestDatabase database)
    {
        await using var connection = await database.OpenOwnerAsync();
        return await connection.QuerySingleAsync<(long, long, string)>("""
            SELECT (SELECT version FROM opendata.dataset), (SELECT count(*) FROM opendata.questions),
                   (SELECT md5(string_agg(id || encode(content_hash, 'hex'), '' ORDER BY id)) FROM opendata.questions)
            """);
    }

    /// <summary>The changes recorded under the serving version, as "type id kind [fields]", in feed order.</summary>
    public static async Task<List<string>> ChangesOfServingVersionAsync(TestDatabase database)
    {
        await using var connection = await database.OpenOwnerAsync();
        return (await connection.QueryAsync<string>("""
            SELECT type || ' ' || id || ' ' || kind || ' [' || array_to_string(fields, ',') || ']' FROM opendata_meta.changes
            WHERE version = (SELECT version FROM opendata.dataset) ORDER BY seq
            """)).ToList();
    }

}
