using Dapper;
using Npgsql;
using NpgsqlTypes;
using OpenData.Data;
using OpenData.Ingest.Source;

namespace OpenData.Ingest.Import;

/// <summary>Loads the one-year extract's rows into a staging table with binary COPY; Extract.sql then applies them to the source rows.</summary>
internal sealed class ExtractLoader(NpgsqlConnection connection, ImportProgress progress, ICollection<string> notices)
{
    private const string RawTable = "src_extract";

    public static string CreateRawTableSql() =>
        $"CREATE UNLOGGED TABLE {Database.StagingSchema}.{RawTable} (line bigint NOT NULL, " +
        string.Join(", ", ExtractReader.Columns.Select(c => $"{c.Name} {(c.IsDate ? "date" : "text")}")) + ");";

    public async Task<long> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var reader = ExtractReader.Open(path);
        progress.Begin(reader.DisplayName);
        var columns = string.Join(", ", ExtractReader.Columns.Select(c => c.Name));
        await using var importer = await connection.BeginBinaryImportAsync(
            $"COPY {Database.StagingSchema}.{RawTable} (line, {columns}) FROM STDIN (FORMAT BINARY)", cancellationToken);
        long rows = 0;
        foreach (var row in reader.Rows(notices))
        {
            importer.StartRow();
            importer.Write(row.Line, NpgsqlDbType.Bigint);
            foreach (var value in row.Values)
            {
                switch (value)
                {
                    case null: importer.WriteNull(); break;
                    case DateOnly date: importer.Write(date, NpgsqlDbType.Date); break;
                    default: importer.Write((string)value, NpgsqlDbType.Text); break;
                }
            }
            rows++;
        }
        await importer.CompleteAsync(cancellationToken);
        progress.Rows(reader.DisplayName, rows, 1, 1, done: true);
        return rows;
    }

    /// <summary>What the extract could not apply: questions new to the dataset whose author no name matches.</summary>
    public static async Task<IReadOnlyList<string>> NoticesAsync(NpgsqlConnection connection, string name, CancellationToken cancellationToken)
    {
        var (skipped, examples) = await connection.QuerySingleAsync<(long, string?)>(new CommandDefinition($"""
            SELECT count(*), string_agg(reference, ', ' ORDER BY line) FILTER (WHERE n <= 5)
            FROM (SELECT reference, line, row_number() OVER (ORDER BY line) AS n FROM {Database.StagingSchema}.src_extract_rows
                  WHERE source_id IS NULL AND new_author IS NULL) s
            """, cancellationToken: cancellationToken));
        return skipped == 0 ? [] :
        [
            $"{name}: {skipped} new question{(skipped > 1 ? "s" : "")} not added, no senator or author matching the name given ({examples}{(skipped > 5 ? ", …" : "")}); the next full dump brings them",
        ];
    }
}
