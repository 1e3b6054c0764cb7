using System.Text.Json;
using Dapper;
using Npgsql;
using static OpenData.Data.Database;

namespace OpenData.Ingest.Import;

/// <summary>One source file of a dataset, as <c>opendata.dataset.sources</c> lists it.</summary>
public sealed record DatasetSourceFile(string Role, string Name, string Sha256, long Bytes);

/// <summary>The dataset being served, as an import that starts from it (or a sync deciding whether to import) needs it.</summary>
/// <param name="Generated">Imported from a dump <c>generate</c> wrote: synthetic data, which an extract on top does not change.</param>
public sealed record ServedDataset(long Version, IReadOnlyList<DatasetSourceFile> Sources, IReadOnlyList<string> Notices, bool Generated)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>The serving dataset; an <see cref="ImportException"/> when none is served yet.</summary>
    public static async Task<ServedDataset> ReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        await FindAsync(connection, cancellationToken)
        ?? throw new ImportException("no dataset is served yet: the extract applies on top of one; import the full files first");

    public static async Task<ServedDataset?> FindAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(long Version, string Sources, string Notices, bool Generated)?>(new CommandDefinition(
            $"SELECT version, sources::text, notices::text, generated FROM {ServingSchema}.dataset", cancellationToken: cancellationToken));
        return row is { } r
            ? new ServedDataset(r.Version, JsonSerializer.Deserialize<List<DatasetSourceFile>>(r.Sources, Json)!, JsonSerializer.Deserialize<List<string>>(r.Notices, Json)!, r.Generated)
            : null;
    }
}
