using Dapper;
using Npgsql;
using OpenData.Testing;

namespace OpenData.Ingest.Tests;

public sealed class MigrationTests
{
    /// <summary>The edge cases imported into a database migrated by this build (a clone of the template made once).</summary>
    private static Task<TestDatabase> ServedAsync() => TemplateDatabases.ImportedAsync(EdgeCaseFixture.Files);

    [Fact]
    public async Task Migrate_applies_every_migration_once_and_then_has_nothing_to_do()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var first = await IngestTool.MigrateAsync(database);
        var second = await IngestTool.MigrateAsync(database);

        Assert.Contains("applied 0001_foundation.sql, 0002_dataset_tables.sql, 0003_api_keys.sql, 0004_precomputed_stats.sql, 0005_list_bounds.sql", first.Output);
        Assert.Contains("schema up to date", second.Output);
    }

    [Fact]
    public async Task Concurrent_migrations_do_not_collide()
    {
        await using var database = await TestPostgres.CreateDatabaseAsync();
        var runs = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => IngestTool.RunAsync("migrate", "--connection", database.OwnerConnectionString)));
        Assert.All(runs, r => Assert.Equal(0, r.ExitCode));
        Assert.Single(runs, r => r.Output.Contains("applied"));
    }

    /// <summary>A database migrated and loaded before 0004 gets, from the migration, the figures an import computes.</summary>
    [Fact]
    public async Task Precomputed_statistics_migrations_fill_them_for_the_dataset_already_served()
    {
        await using var database = await ServedAsync();
        await using var owner = await database.OpenOwnerAsync();
        const string figures = """
            SELECT (SELECT json_agg(s ORDER BY ministry_id) FROM opendata.ministry_stats s)::text
                || (SELECT json_agg(d ORDER BY ministry_id, deadline) FROM opendata.ministry_awaiting_deadlines d)::text
                || (SELECT json_agg(t ORDER BY month) FROM opendata.timeline_months t)::text
                || (SELECT json_agg(t ORDER BY unit, period) FROM opendata.timeline_survival t)::text
            """;
        var imported = await owner.ExecuteScalarAsync<string>(figures);
        Assert.NotNull(imported); // no table empty

        await owner.ExecuteAsync("""
            DROP TABLE opendata.ministry_stats, opendata.ministry_awaiting_deadlines, opendata.timeline_months, opendata.timeline_survival;
            DELETE FROM opendata_meta.schema_migrations WHERE name IN ('0004_precomputed_stats.sql', '0011_time_to_answer.sql');
            """);
        var migrated = (await IngestTool.MigrateAsync(database)).Output;
        Assert.Contains("applied 0004_precomputed_stats.sql, 0011_time_to_answer.sql", migrated); // 0011: the Kaplan-Meier delays
        Assert.Contains("time_to_answer_median", imported);
        Assert.Equal(imported, await owner.ExecuteScalarAsync<string>(figures));
    }

    /// <summary>A dataset served before 0012 names its twin groups (none yet) in its row counts and longest lists, as an import would.</summary>
    [Fact]
    public async Task The_twins_migration_counts_them_for_the_dataset_already_served()
    {
        await using var database = await ServedAsync();
        await using var owner = await database.OpenOwnerAsync();
        const string counts = "SELECT row_counts->>'twin_groups' || '/' || (list_bounds->>'twinSize') FROM opendata.dataset";
        Assert.Equal("0/0", await owner.ExecuteScalarAsync<string>(counts)); // the edge cases hold no twins

        await owner.ExecuteAsync("""
            DROP TABLE opendata.question_similar, opendata.twin_groups, opendata.twin_members;
            UPDATE opendata.dataset SET row_counts = row_counts - 'twin_groups', list_bounds = list_bounds - 'twinSize';
            DELETE FROM opendata_meta.schema_migrations WHERE name = '0012_twin_questions.sql';
            """);
        Assert.Null(await owner.ExecuteScalarAsync<string>(counts));
        Assert.Contains("applied 0012_twin_questions.sql", (await IngestTool.MigrateAsync(database)).Output);
        Assert.Equal("0/0", await owner.ExecuteScalarAsync<string>(counts));
    }

    [Theory]
    [InlineData("INSERT INTO opendata.themes (id, label, question_count) VALUES (99, 'x', 0)")]
    [InlineData("UPDATE opendata.questions SET title = 'x'")]
    [InlineData("DELETE FROM opendata.questions")]
    [InlineData("TRUNCATE opendata.senators")]
    [InlineData("DROP TABLE opendata.answers")]
    [InlineData("CREATE TABLE opendata.mine (id int)")]
    [InlineData("CREATE TABLE public.mine (id int)")]
    [InlineData("ALTER SCHEMA opendata RENAME TO hijacked")]
    [InlineData("INSERT INTO opendata_meta.group_labels VALUES ('X', 'x')")]
    [InlineData("SELECT nextval('opendata_meta.dataset_version')")]
    public async Task The_api_role_can_read_but_never_write(string statement)
    {
        await using var database = await ServedAsync();
        await using var reader = new NpgsqlConnection(database.ReaderConnectionString);
        await reader.OpenAsync();

        Assert.Equal(12, await reader.ExecuteScalarAsync<long>("SELECT count(*) FROM opendata.questions"));
        var error = await Assert.ThrowsAsync<PostgresException>(() => reader.ExecuteAsync(statement));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, error.SqlState);
    }
}
