using System.CommandLine;
using System.Globalization;
using Dapper;
using OpenData.Data;
using OpenData.Data.Datasets;
using OpenData.Data.Migrations;
using OpenData.Data.Paging;
using OpenData.Data.Reading;

namespace OpenData.Ingest.Cli;

internal static class StatusCommand
{
    public static Command Create(Option<string?> connection, TextWriter output)
    {
        var command = new Command("status", $"Shows the schema version, the serving dataset and the last imports. Exits with {IngestCli.NoDataset} when no dataset has been imported yet.");
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
            // Asked in two statements: PostgreSQL resolves every table of a statement before running it.
            var migrated = await db.ExecuteScalarAsync<bool>("SELECT to_regclass('opendata_meta.schema_migrations') IS NOT NULL")
                ? await db.ExecuteScalarAsync<int?>("SELECT max(version) FROM opendata_meta.schema_migrations")
                : null;
            await output.WriteLineAsync($"schema: migration {migrated?.ToString(CultureInfo.InvariantCulture) ?? "none"} of {Migrator.All[^1].Version}");
            if (migrated is null)
            {
                await output.WriteLineAsync("dataset: none (the database was never migrated: run the migrate command first)");
                return IngestCli.NoDataset;
            }

            await using var session = new DatasetSession(dataSource, ReadLimits.Default, new TotalsCache());
            var dataset = await new DatasetQueries(session).GetCurrentAsync(cancellationToken);
            if (dataset is null) await output.WriteLineAsync("dataset: none imported yet");
            else
            {
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"dataset: version {dataset.Version}, imported {dataset.ImportedAt:u}"));
                foreach (var source in dataset.Sources)
                    await output.WriteLineAsync($"  {source.Role,-10} {source.Name} sha256 {source.Sha256}");
                foreach (var (table, count) in dataset.RowCounts)
                    await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-16} {count,10:N0}"));
            }
            var imports = await db.QueryAsync<(DateTime StartedAt, bool? Succeeded, long? Version, string? Message)>(
                "SELECT started_at, succeeded, dataset_version, message FROM opendata_meta.import_log ORDER BY id DESC LIMIT 5");
            foreach (var (startedAt, succeeded, version, message) in imports)
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                    $"import {startedAt:u}: {(succeeded switch { true => $"landed version {version}", false => $"failed: {message}", null => "running (or interrupted)" })}"));
            return dataset is null ? IngestCli.NoDataset : 0;
        });
        return command;
    }
}
