using System.Globalization;
using Npgsql;
using NpgsqlTypes;
using OpenData.Data;
using OpenData.Ingest.Source;

namespace OpenData.Ingest.Import;

/// <summary>Streams the questions dump into unlogged staging tables with binary COPY, validating every value.</summary>
internal sealed class DumpLoader(NpgsqlConnection connection, ImportProgress progress, ICollection<string> notices)
{
    private static readonly string[] TimestampFormats = ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH:mm:ss.FFFFFFF", "yyyy-MM-dd"];

    public static string CreateRawTablesSql() => string.Join("\n", SourceTable.All.Select(t =>
        $"CREATE UNLOGGED TABLE {Database.StagingSchema}.{t.RawTable} (line bigint NOT NULL, " +
        string.Join(", ", t.Columns.Select(c => $"{c.Name} {c.SqlType}")) + ");"));

    /// <summary>The dump was written by <c>opendata-ingest generate</c>: synthetic data, not the Senate's.</summary>
    public bool Generated { get; private set; }

    /// <summary>Loads every table the importer reads; returns the row count per source table.</summary>
    public async Task<Dictionary<string, long>> LoadAsync(SourceFile file, CancellationToken cancellationToken)
    {
        using var reader = new PgDumpReader(file);
        var counts = new Dictionary<string, long>();
        var fields = new List<string?>(64);
        while (reader.NextBlock() is { } header)
        {
            var table = SourceTable.All.FirstOrDefault(t => t.Name == header.Table);
            if (table is null)
            {
                if (!SourceTable.KnownUnusedTables.Contains(header.Table))
                    notices.Add($"{file.DisplayName}: table {header.Table} is not used by the importer and was skipped");
                reader.SkipBlock();
                continue;
            }
            if (counts.ContainsKey(table.Name))
                throw SourceFormatException.At(file.DisplayName, table.Name, header.Line, "a second COPY block for the same table");
            counts[table.Name] = await LoadBlockAsync(reader, table, header, fields, cancellationToken);
        }

        file.VerifyWhole();
        Generated = reader.Generated;
        if (reader.ControlCharactersRemoved > 0)
            notices.Add($"{file.DisplayName}: {reader.ControlCharactersRemoved} control characters removed from the text (invalid in XML, CSV and HTML)");
        var missing = SourceTable.All.Where(t => !counts.ContainsKey(t.Name)).Select(t => t.Name).ToList();
        if (missing.Count > 0)
            throw new SourceFormatException($"{file.DisplayName}: no COPY block for table{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} (is this the questions dump?)");
        return counts;
    }

    private async Task<long> LoadBlockAsync(PgDumpReader reader, SourceTable table, CopyHeader header, List<string?> fields, CancellationToken cancellationToken)
    {
        progress.Begin(table.Name);
        var positions = MapColumns(reader.File, table, header);
        var columnList = string.Join(", ", table.Columns.Select(c => c.Name));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Database.StagingSchema}.{table.RawTable} (line, {columnList}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        while (reader.NextRow(fields))
        {
            importer.StartRow();
            importer.Write(reader.LineNumber, NpgsqlDbType.Bigint);
            for (var i = 0; i < table.Columns.Count; i++)
                WriteValue(importer, table.Columns[i], positions[i] < 0 ? null : fields[positions[i]], reader, table);
            if (++rows % 4096 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress.Rows(table.Name, rows, reader.File.Position, reader.File.Length);
            }
        }
        await importer.CompleteAsync(cancellationToken);
        progress.Rows(table.Name, rows, reader.File.Position, reader.File.Length, done: true);
        return rows;
    }

    /// <summary>For each column the importer reads, its position in this block's header (-1 when absent).</summary>
    private int[] MapColumns(SourceFile file, SourceTable table, CopyHeader header)
    {
        var positions = table.Columns.Select(c => IndexOf(header.Columns, c.Name)).ToArray();
        var missing = table.Columns.Where((c, i) => c.Required && positions[i] < 0).Select(c => c.Name).ToList();
        if (missing.Count > 0)
            throw SourceFormatException.At(file.DisplayName, table.Name, header.Line,
                $"required column{(missing.Count > 1 ? "s" : "")} {string.Join(", ", missing)} missing from the COPY header");
        foreach (var absent in table.Columns.Where((c, i) => positions[i] < 0))
            notices.Add($"{file.DisplayName}: table {table.Name} has no column {absent.Name}; its values are left empty");
        foreach (var extra in header.Columns.Where(c => IndexOf(table.Columns.Select(k => k.Name).ToList(), c) < 0 && !table.KnownUnused.Contains(c)))
            notices.Add($"{file.DisplayName}: table {table.Name} has an unknown column {extra}, ignored");
        return positions;
    }

    private static int IndexOf(IReadOnlyList<string> names, string name)
    {
        for (var i = 0; i < names.Count; i++)
            if (string.Equals(names[i], name, StringComparison.OrdinalIgnoreCase)) return i;
        return -1;
    }

    private static void WriteValue(NpgsqlBinaryImporter importer, SourceColumn column, string? value, PgDumpReader reader, SourceTable table)
    {
        if (value is null || (value.Length == 0 && column.Kind != ColumnKind.Text))
        {
            if (column.NotNull) throw Invalid(reader, table, column, "is empty but every row needs a value");
            importer.WriteNull();
            return;
        }
        switch (column.Kind)
        {
            case ColumnKind.Integer:
                if (!long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
                    throw Invalid(reader, table, column, $"'{Shorten(value)}' is not an integer");
                importer.Write(number, NpgsqlDbType.Bigint);
                break;
            case ColumnKind.Timestamp:
                if (!DateTime.TryParseExact(value, TimestampFormats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var timestamp))
                    throw Invalid(reader, table, column, $"'{Shorten(value)}' is not a date (expected YYYY-MM-DD HH:MM:SS)");
                importer.Write(timestamp, NpgsqlDbType.Timestamp);
                break;
            case ColumnKind.ThemeCodes:
                importer.Write(ParseThemes(value) ?? throw Invalid(reader, table, column, $"'{Shorten(value)}' is not a list of theme codes like #2#14#"),
                    NpgsqlDbType.Array | NpgsqlDbType.Integer);
                break;
            default:
                if (value.Length == 0 && column.NotNull) throw Invalid(reader, table, column, "is empty but every row needs a value");
                importer.Write(value, NpgsqlDbType.Text);
                break;
        }
    }

    /// <summary>Parses "#2#14#" into [2, 14]; null when it is not such a list.</summary>
    internal static int[]? ParseThemes(string value)
    {
        var parts = value.Split('#', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var codes = new int[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!int.TryParse(parts[i], NumberStyles.None, CultureInfo.InvariantCulture, out codes[i])) return null;
        return codes.Distinct().ToArray();
    }

    private static SourceFormatException Invalid(PgDumpReader reader, SourceTable table, SourceColumn column, string problem) =>
        SourceFormatException.At(reader.File.DisplayName, table.Name, reader.LineNumber, $"column {column.Name}: {problem}");

    private static string Shorten(string value) => value.Length > 40 ? value[..40] + "…" : value;
}
