using System.Globalization;
using System.Text;

namespace OpenData.Testing;

/// <summary>One <c>COPY ... FROM stdin;</c> block of a plain pg_dump, as written (fields still escaped).</summary>
public sealed class CopyBlock(string table, string header, IReadOnlyList<string> columns, IReadOnlyList<string[]> rows, bool terminated)
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
public sealed class CopyRow(CopyBlock block, string[] fields)
{
    public string? this[string column] => CopyDumpReader.Unescape(Raw(column));

    public string Raw(string column) => fields[block.IndexOf(column)];

    public long? Number(string column) => this[column] is { } text ? long.Parse(text, CultureInfo.InvariantCulture) : null;

    public DateOnly? Date(string column) =>
        this[column] is { } text ? DateOnly.ParseExact(text[..10], "yyyy-MM-dd", CultureInfo.InvariantCulture) : null;
}

/// <summary>The tests' one reader of the COPY blocks of a dump, independent of the importer's (which it checks).</summary>
public static class CopyDumpReader
{
    public static List<CopyBlock> ReadBlocks(string path)
    {
        var blocks = new List<CopyBlock>();
        using var reader = new StreamReader(path, new UTF8Encoding(false));
        string? line;
        while ((line = ReadLine(reader)) is not null)
        {
            if (Header(line) is not var (table, columns))
            {
                continue;
            }
            var header = line;
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

    /// <summary>The table (without its schema) and the columns of a <c>COPY table (a, b) FROM stdin;</c> line; null for any other line.</summary>
    public static (string Table, string[] Columns)? Header(string line)
    {
        if (!line.StartsWith("COPY ", StringComparison.Ordinal))
        {
            return null;
        }
        var open = line.IndexOf('(');
        return (line[5..line.IndexOf(' ', 5)].Split('.')[^1], line[(open + 1)..line.IndexOf(')', open)].Split(", "));
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
