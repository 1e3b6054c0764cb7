using System.Reflection;
using Dapper;
using Npgsql;

namespace OpenData.Data.Migrations;

/// <summary>Applies the numbered SQL files embedded in this assembly, once each, in order.</summary>
public static class Migrator
{
    public sealed record Migration(int Version, string Name, string Sql);

    public static IReadOnlyList<Migration> All { get; } = Load();

    /// <summary>Applies pending migrations and returns the names of those applied (none when up to date).</summary>
    public static async Task<IReadOnlyList<string>> MigrateAsync(NpgsqlConnection connection, CancellationToken cancellationToken = default)
    {
        // One migrate at a time per database; a second one waits, then finds nothing to do.
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(hashtext('opendata.migrate'))", cancellationToken: cancellationToken));
        try
        {
            await connection.ExecuteAsync(new CommandDefinition("""
                CREATE SCHEMA IF NOT EXISTS opendata_meta;
                CREATE TABLE IF NOT EXISTS opendata_meta.schema_migrations (
                    version integer PRIMARY KEY,
                    name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                );
                """, cancellationToken: cancellationToken));
            var applied = (await connection.QueryAsync<int>(new CommandDefinition(
                "SELECT version FROM opendata_meta.schema_migrations", cancellationToken: cancellationToken))).ToHashSet();

            var done = new List<string>();
            foreach (var migration in All.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                // A migration rewriting a served table takes as long as the table needs (0019: about a minute at 300,000 questions).
                await connection.ExecuteAsync(new CommandDefinition(migration.Sql, transaction: transaction, commandTimeout: 0, cancellationToken: cancellationToken));
                await connection.ExecuteAsync(new CommandDefinition(
                    "INSERT INTO opendata_meta.schema_migrations (version, name) VALUES (@Version, @Name)",
                    migration, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                done.Add(migration.Name);
            }
            return done;
        }
        finally
        {
            await connection.ExecuteAsync("SELECT pg_advisory_unlock(hashtext('opendata.migrate'))");
        }
    }

    private static List<Migration> Load()
    {
        var assembly = typeof(Migrator).Assembly;
        return assembly.GetManifestResourceNames()
            .Where(name => name.StartsWith("Migrations/", StringComparison.Ordinal) && name.EndsWith(".sql", StringComparison.Ordinal))
            .Select(name =>
            {
                var file = name["Migrations/".Length..];
                using var reader = new StreamReader(assembly.GetManifestResourceStream(name)!);
                return new Migration(int.Parse(file[..4], System.Globalization.CultureInfo.InvariantCulture), file, reader.ReadToEnd());
            })
            .OrderBy(m => m.Version)
            .ToList();
    }
}
