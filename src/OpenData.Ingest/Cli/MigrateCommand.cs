using System.CommandLine;
using OpenData.Data;
using OpenData.Data.Migrations;

namespace OpenData.Ingest.Cli;

internal static class MigrateCommand
{
    public static Command Create(Option<string?> connection, TextWriter output)
    {
        var command = new Command("migrate", "Creates or updates the database schema (idempotent: applies only the pending numbered migrations).");
        command.SetAction(async (result, cancellationToken) =>
        {
            await using var dataSource = Database.CreateDataSource(IngestCli.ConnectionString(result, connection), "opendata-ingest");
            await using var db = await dataSource.OpenConnectionAsync(cancellationToken);
            var applied = await Migrator.MigrateAsync(db, cancellationToken);
            await output.WriteLineAsync(applied.Count == 0
                ? $"schema up to date (migration {Migrator.All[^1].Version})"
                : $"applied {string.Join(", ", applied)}");
            return 0;
        });
        return command;
    }
}
