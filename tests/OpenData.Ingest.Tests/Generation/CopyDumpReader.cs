using System.Globalization;
using System.Text;

namespace OpenData.Ingest.Tests.Generation;

/// <summary>One <c>COPY ... FROM stdin;</c> block of a plain pg_dump, as written (fields still escaped).</summary>
internal sealed class CopyBlock(string table, string header, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, bool terminated)
{
    public string Table { get; } = table;
    public string Header { get; } = header;
    public IReadOnlyList<string> Columns { get; } = columns;
    public IReadOnlyList<string[]> RawRows { get; } = rows;
    public bool Terminated { get; } = terminated;

    public IEnumerable<CopyRow> Rows => RawRows.Select(fields => new CopyRow(this, fields));

    public int IndexOf(string column)
    {
        var index = Columns.ToList().IndexOf(column);
        return index >= 0 ? index : throw new KeyNotFoundException($"{Table} has no column {column}");
    }
}

/// <summary>A data row read by column name: unescaped text, or null for <c>\N</c>.</summary>
internal sealed class CopyRow(CopyBlock block, string[] fields)
{
    public string? this[string column] => CopyDumpReader.Unescape(Raw(column));

    public string Raw(string column) => fields[block.IndexOf(column)];

    public long? Number(string column) => this[column] is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    public DateOnly? Date(string column) =>
        this[column] is { } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}

/// <summary>Test-side reader of the COPY blocks of a dump (the importer has its own; this one only checks the generator).</summary>
internal static class CopyDumpReader
{
    public static List<CopyBlock> ReadBlocks(string path)
    {
        var blocks = new List<CopyBlock>();
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            if (!line.StartsWith("COPY ", StringComparison.Ordinal))
            {
                continue;
            }
            var header = line;
            var table = line[5..line.IndexOf(' ', 5)];
            table = table.StartsWith("questions.", StringComparison.Ordinal) ? table["questions.".Length..] : table;
            var open = line.IndexOf('(');
            var columns = line[(open + 1)..line.IndexOf(')', open)].Split(", ");
            var rows = new List<string[]>();
            var terminated = false;
            while ((line = ReadLine(reader)) is not null)
            {
                if (line == "\\.")
                {
                    terminated = true;
                    break;
                }
                rows.Add(line.Split('\t'));
            }
            blocks.Add(new CopyBlock(table, header, columns, rows, terminated));
        }
        return blocks;
    }

    public static Dictionary<string, CopyBlock> Read(string path) => ReadBlocks(path).ToDictionary(b => b.Table);

    /// <summary>COPY text format: <c>\N</c> is NULL; <c>\\ \t \n \r</c> are backslash, tab, newline, carriage return.</summary>
    public static string? Unescape(string field)
    {
        if (field == "\\N")
        {
            return null;
        }
        if (!field.Contains('\\'))
        {
            return field;
        }
        var builder = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] != '\\' || i == field.Length - 1)
            {
                builder.Append(field[i]);
                continue;
            }
            builder.Append(field[++i] switch
            {
                't' => '\t',
                'n' => '\n',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                'v' => '\v',
                var other => other,
            });
        }
        return builder.ToString();
    }

    /// <summary>Lines split on LF only: a CR inside a row would be a bug the tests must see.</summary>
    private static string? ReadLine(StreamReader reader)
    {
        if (reader.EndOfStream)
        {
            return null;
        }
        var builder = new StringBuilder();
        int c;
        while ((c = reader.Read()) >= 0 && c != '\n')
        {
            builder.Append((char)c);
        }
        return builder.ToString();
    }
}
