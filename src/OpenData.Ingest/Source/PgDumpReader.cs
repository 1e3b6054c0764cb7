using System.Text.RegularExpressions;
using OpenData.Data.Datasets;

namespace OpenData.Ingest.Source;

/// <summary>The header of one <c>COPY table (columns) FROM stdin;</c> block of a plain pg_dump.</summary>
public sealed record CopyHeader(string Table, IReadOnlyList<string> Columns, long Line);

/// <summary>
/// Streams the COPY blocks of a plain-format pg_dump, one row at a time: memory use does not depend
/// on the dump's size, and a line is at most <see cref="LineReader.DefaultMaxLineBytes"/> long. Accepts schema-qualified headers (<c>COPY questions.t (...)</c>) and the older
/// unqualified ones (after <c>SET search_path</c>); everything outside COPY blocks is skipped.
/// </summary>
public sealed partial class PgDumpReader(SourceFile file) : IDisposable
{
    private readonly LineReader reader = new(file.Content, file.DisplayName);
    private CopyHeader? block;

    public SourceFile File => file;

    /// <summary>The dump says it was written by the generator (<see cref="GeneratedData.DumpMarker"/>), as far as it was read.</summary>
    public bool Generated { get; private set; }
    public long LineNumber => reader.LineNumber;

    /// <summary>Control characters removed from the fields read so far (see <see cref="SafeText"/>).</summary>
    public long ControlCharactersRemoved => removed;

    private long removed;

    /// <summary>Advances to the next COPY block; null at the end of the dump.</summary>
    public CopyHeader? NextBlock()
    {
        if (block is not null) throw new InvalidOperationException("read the current block to its end first");
        while (ReadLine() is { } line)
        {
            if (!line.StartsWith("COPY ", StringComparison.Ordinal))
            {
                Generated |= line.StartsWith(GeneratedData.DumpMarker, StringComparison.Ordinal);
                continue;
            }
            var match = CopyLine().Match(line);
            if (!match.Success)
                throw SourceFormatException.At(file.DisplayName, null, LineNumber, $"unreadable COPY header: {Shorten(line)}");
            var columns = match.Groups["columns"].Value.Split(',').Select(c => Unquote(c.Trim())).ToList();
            return block = new CopyHeader(Unquote(match.Groups["table"].Value), columns, LineNumber);
        }
        return null;
    }

    /// <summary>
    /// Reads the next row of the current block into <paramref name="fields"/> (decoded, null for \N);
    /// false at the block's terminating <c>\.</c>.
    /// </summary>
    public bool NextRow(List<string?> fields)
    {
        var header = block ?? throw new InvalidOperationException("no COPY block is open");
        var line = ReadLine() ?? throw SourceFormatException.At(file.DisplayName, header.Table, LineNumber,
            $"the dump ends inside the COPY block that starts at line {header.Line} (truncated file?)");
        if (line == @"\.")
        {
            block = null;
            return false;
        }

        fields.Clear();
        var start = 0;
        while (true)
        {
            var tab = line.IndexOf('\t', start);
            var end = tab < 0 ? line.Length : tab;
            fields.Add(SafeText.Clean(CopyText.Decode(line.AsSpan(start, end - start), out var error), ref removed));
            if (error is not null)
                throw SourceFormatException.At(file.DisplayName, header.Table, LineNumber, $"field {fields.Count}: {error}");
            if (tab < 0) break;
            start = tab + 1;
        }
        if (fields.Count != header.Columns.Count)
            throw SourceFormatException.At(file.DisplayName, header.Table, LineNumber,
                $"expected {header.Columns.Count} tab-separated fields as in the COPY header, found {fields.Count}");
        return true;
    }

    /// <summary>Skips the rest of the current block (a table the importer does not use).</summary>
    public void SkipBlock()
    {
        var scratch = new List<string?>();
        while (NextRow(scratch)) { }
    }

    public void Dispose() => reader.Dispose();

    private string? ReadLine()
    {
        reader.Table = block?.Table;
        return reader.ReadLine();
    }

    private static string Unquote(string name) => name.Length > 1 && name[0] == '"' && name[^1] == '"' ? name[1..^1].Replace("\"\"", "\"") : name;

    private static string Shorten(string line) => line.Length > 120 ? line[..120] + "…" : line;

    [GeneratedRegex("""^COPY\s+(?:(?:"[^"]+"|[\w$]+)\.)?(?<table>"[^"]+"|[\w$]+)\s*\((?<columns>[^)]*)\)\s+FROM\s+stdin;\s*$""", RegexOptions.CultureInvariant)]
    private static partial Regex CopyLine();
}
