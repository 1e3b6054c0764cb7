using Dapper;
using Npgsql;
using static OpenData.Data.Database;

namespace OpenData.Ingest.Import;

/// <summary>
/// The schema a new dataset is built in, beside the serving one. Its tables and indexes are cloned from
/// the serving schema (which the migrations define), so the two never disagree; once filled it replaces
/// the serving schema in one short transaction.
/// </summary>
internal static class StagingArea
{
    public static async Task CreateAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = (await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT tablename FROM pg_tables WHERE schemaname = @ServingSchema ORDER BY tablename",
            new { ServingSchema }, cancellationToken: cancellationToken))).ToList();
        if (tables.Count == 0)
            throw new ImportException($"the database has no {ServingSchema} tables: run the 'migrate' command first");

        var sql = $"DROP SCHEMA IF EXISTS {StagingSchema} CASCADE;\nCREATE SCHEMA {StagingSchema};\n" +
            string.Concat(tables.Select(t =>
                $"CREATE TABLE {StagingSchema}.{t} (LIKE {ServingSchema}.{t} INCLUDING ALL EXCLUDING INDEXES);\n")) +
            DumpLoader.CreateRawTablesSql() + "\n" + SenatorsLoader.CreateRawTablesSql() + "\n" + ExtractLoader.CreateRawTableSql();
        await connection.ExecuteAsync(new CommandDefinition(sql, cancellationToken: cancellationToken));
    }

    public static Task DropRawTablesAsync(NpgsqlConnection connection, CancellationToken cancellationToken) =>
        connection.ExecuteAsync(new CommandDefinition($"""
            DO $$
            DECLARE t text;
            BEGIN
                FOR t IN SELECT tablename FROM pg_tables WHERE schemaname = '{StagingSchema}' AND tablename LIKE 'src\_%' LOOP
                    EXECUTE format('DROP TABLE {StagingSchema}.%I', t);
                END LOOP;
            END $$;
            """, cancellationToken: cancellationToken));

    /// <summary>
    /// Gathers planner statistics and sets the visibility map of every staging table, so the first queries
    /// after the swap are planned well and counts can use index-only scans without visiting the heap.
    /// </summary>
    public static async Task VacuumAnalyzeAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var tables = await connection.QueryAsync<string>(new CommandDefinition(
            "SELECT tablename FROM pg_tables WHERE schemaname = @StagingSchema", new { StagingSchema }, cancellationToken: cancellationToken));
        await connection.ExecuteAsync(new CommandDefinition(
            "VACUUM (ANALYZE) " + string.Join(", ", tables.Select(t => $"{StagingSchema}.{t}")), commandTimeout: 0, cancellationToken: cancellationToken));
    }

    /// <summary>Builds the serving schema's indexes and keys on the filled staging tables, two at a time.</summary>
    public static async Task BuildIndexesAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        IReadOnlyList<string> definitions;
        await using (var connection = await dataSource.OpenConnectionAsync(cancellationToken))
        {
            definitions = (await connection.QueryAsync<string>(new CommandDefinition("""
                SELECT indexdef FROM pg_indexes
                WHERE schemaname = @ServingSchema
                ORDER BY indexdef LIKE '% USING gin %' DESC, tablename = 'questions' DESC, indexname
                """, new { ServingSchema }, cancellationToken: cancellationToken))).ToList();
        }

        // GIN indexes (full text) take longest: start them first, on separate sessions.
        await Parallel.ForEachAsync(definitions, new ParallelOptions { MaxDegreeOfParallelism = 2, CancellationToken = cancellationToken },
            async (definition, ct) =>
            {
                await using var connection = await dataSource.OpenConnectionAsync(ct);
                var staged = definition.Replace($" ON {ServingSchema}.", $" ON {StagingSchema}.", StringComparison.Ordinal);
                await connection.ExecuteAsync(new CommandDefinition(
                    $"SET maintenance_work_mem = '256MB'; {staged}", commandTimeout: 0, cancellationToken: ct));
            });

        await using var keys = await dataSource.OpenConnectionAsync(cancellationToken);
        var constraints = await keys.QueryAsync<(string Table, string Name, string Index, string Kind)>(new CommandDefinition("""
            SELECT t.relname, c.conname, i.relname, CASE c.contype WHEN 'p' THEN 'PRIMARY KEY' ELSE 'UNIQUE' END
            FROM pg_constraint c
            JOIN pg_class t ON t.oid = c.conrelid
            JOIN pg_class i ON i.oid = c.conindid
            WHERE c.connamespace = @ServingSchema::regnamespace AND c.contype IN ('p', 'u')
            """, new { ServingSchema }, cancellationToken: cancellationToken));
        foreach (var (table, name, index, kind) in constraints)
            await keys.ExecuteAsync(new CommandDefinition(
                $"ALTER TABLE {StagingSchema}.{table} ADD CONSTRAINT {name} {kind} USING INDEX {index}", cancellationToken: cancellationToken));
    }

    /// <summary>
    /// Puts the staging schema in service, and dates its changes: its landing is recorded once readers are held off. Readers see the old dataset or the new one, never a mix: every command of
    /// the API first reads <c>opendata.dataset</c> and holds its lock until the command ends, and the swap takes that
    /// table's exclusive lock before its two renames, which commit together. So the swap waits for the commands
    /// reading (milliseconds; an export's spooling, seconds), and the commands arriving meanwhile wait for it. It
    /// never waits long: each attempt gives up after <see cref="SwapLockTimeout"/> (letting the queued readers in)
    /// and tries again, for up to <see cref="SwapPatience"/>.
    /// </summary>
    public static async Task SwapAsync(NpgsqlConnection connection, long version, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync(new CommandDefinition($"""
            GRANT USAGE ON SCHEMA {StagingSchema} TO {ReaderRole};
            GRANT SELECT ON ALL TABLES IN SCHEMA {StagingSchema} TO {ReaderRole};
            DROP SCHEMA IF EXISTS {RetiredSchema} CASCADE;
            """, cancellationToken: cancellationToken));
        var patience = System.Diagnostics.Stopwatch.StartNew();
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await connection.ExecuteAsync(new CommandDefinition($"""
                    SET LOCAL lock_timeout = '{(int)SwapLockTimeout.TotalMilliseconds}ms';
                    LOCK TABLE {ServingSchema}.dataset IN ACCESS EXCLUSIVE MODE;
                    INSERT INTO opendata_meta.landings (version, landed_at) VALUES (@version, clock_timestamp());
                    ALTER SCHEMA {ServingSchema} RENAME TO {RetiredSchema};
                    ALTER SCHEMA {StagingSchema} RENAME TO {ServingSchema};
                    SELECT pg_notify('{DatasetChannel}', @version::text);
                    """, new { version }, transaction, cancellationToken: cancellationToken));
                await transaction.CommitAsync(cancellationToken);
                break;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable && patience.Elapsed < SwapPatience)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(1000, 50 * attempt)), cancellationToken);
            }
        }
        // Waits for queries still reading the old tables, without holding up readers of the new ones.
        await connection.ExecuteAsync(new CommandDefinition($"DROP SCHEMA {RetiredSchema} CASCADE", commandTimeout: 0, cancellationToken: CancellationToken.None));
    }

    /// <summary>How long one attempt of the swap waits for the readers of the serving dataset (the longest a reader may wait for it).</summary>
    public static readonly TimeSpan SwapLockTimeout = TimeSpan.FromMilliseconds(250);

    /// <summary>How long the swap keeps trying before the import fails (the previous dataset then keeps serving).</summary>
    public static readonly TimeSpan SwapPatience = TimeSpan.FromMinutes(10);

    /// <summary>Drops what a failed import built: the staging schema and the changes it recorded (its version never landed).</summary>
    public static Task DropAsync(NpgsqlConnection connection, long version) =>
        connection.ExecuteAsync($"""
            DROP SCHEMA IF EXISTS {StagingSchema} CASCADE;
            DELETE FROM opendata_meta.changes c WHERE c.version = @version AND NOT EXISTS (SELECT FROM opendata_meta.landings l WHERE l.version = @version);
            """, new { version });
}
