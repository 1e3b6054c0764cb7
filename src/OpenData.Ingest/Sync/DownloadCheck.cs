using System.Text.Json;
using OpenData.Ingest.Import;
using OpenData.Ingest.Source;

namespace OpenData.Ingest.Sync;

/// <summary>
/// Checks that a downloaded file is whole before it replaces the previous one: a zip's entry reads to its end with the
/// CRC-32 and size its directory records, every COPY block of the dump ends with its <c>\.</c> line and the tables the
/// importer reads are there, a JSON file parses, the extract reads as the importer reads it. Errors are
/// <see cref="SourceFormatException"/>s naming the file.
/// </summary>
public static class DownloadCheck
{
    public static async Task<string> VerifyAsync(string role, string path, string name, CancellationToken cancellationToken) => role switch
    {
        "questions" => VerifyDump(path, name, cancellationToken),
        Importer.ExtractRole => VerifyExtract(path, name),
        _ => await VerifyJsonAsync(path, name, cancellationToken),
    };

    private static string VerifyDump(string path, string name, CancellationToken cancellationToken)
    {
        using var dump = SourceFile.OpenDump(path, name);
        using var reader = new PgDumpReader(dump);
        var tables = new HashSet<string>(StringComparer.Ordinal);
        while (reader.NextBlock() is { } block)
        {
            cancellationToken.ThrowIfCancellationRequested();
            tables.Add(block.Table);
            reader.SkipBlock();
        }
        dump.VerifyWhole();
        var missing = SourceTable.All.Select(t => t.Name).Where(t => !tables.Contains(t)).ToList();
        if (missing.Count > 0)
            throw new SourceFormatException($"{dump.DisplayName}: no COPY block for {string.Join(", ", missing)} (an incomplete dump?)");
        var what = $"{tables.Count} COPY blocks, each terminated";
        if (dump.DisplayName.Contains('!')) what = $"zip CRC-32 matches, {what}";
        return what;
    }

    private static string VerifyExtract(string path, string name)
    {
        var rows = ExtractReader.Open(path, name).Rows([]).Count();
        return $"{rows:N0} questions, every line well-formed";
    }

    private static async Task<string> VerifyJsonAsync(string path, string name, CancellationToken cancellationToken)
    {
        try
        {
            await using var stream = File.OpenRead(path);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            var records = document.RootElement.ValueKind == JsonValueKind.Array
                ? document.RootElement
                : document.RootElement.EnumerateObject().Select(p => p.Value).FirstOrDefault(v => v.ValueKind == JsonValueKind.Array);
            if (records.ValueKind != JsonValueKind.Array)
                throw new SourceFormatException($"{name}: expected an array of records, or an object wrapping one array");
            return $"JSON parses, {records.GetArrayLength():N0} records";
        }
        catch (JsonException e)
        {
            throw new SourceFormatException($"{name}, line {e.LineNumber + 1}: malformed JSON (a truncated file?)", e);
        }
    }
}
