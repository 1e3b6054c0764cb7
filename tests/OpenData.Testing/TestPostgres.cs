using Dapper;
using Npgsql;

namespace OpenData.Testing;

/// <summary>
/// The PostgreSQL server the tests run against, provisioned by ./test.sh (which exports
/// OPENDATA_TEST_POSTGRES). There is no fallback: without a database the tests fail loudly.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "OPENDATA_TEST_POSTGRES";

    /// <summary>Connection string of a role that may create databases (opendata_owner).</summary>
    public static string AdminConnectionString { get; } = Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
        ? value
        : throw new InvalidOperationException(
            $"{Variable} is not set. Run the tests with ./test.sh, which starts a throwaway PostgreSQL, or set {Variable} " +
            "to the connection string of a role with CREATEDB (e.g. Host=127.0.0.1;Port=5432;Username=opendata_owner;Password=...;Database=postgres).");

    public static string ReaderPassword { get; } = Environment.GetEnvironmentVariable("OPENDATA_TEST_READER_PASSWORD") ?? "opendata_reader";

    /// <summary>
    /// Creates a database owned by the admin role, empty or a copy of <paramref name="template"/> (see
    /// <see cref="TemplateDatabases"/>); dropped when disposed.
    /// </summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string? template = null)
    {
        var name = $"odt_{Guid.NewGuid():N}"[..20];
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            // A template must have no session: an autovacuum worker may still be leaving it. FILE_COPY copies the files
            // (PostgreSQL 15's default, WAL_LOG, writes every page of the template to the WAL: 4-5 times the time).
            await RetryWhileInUseAsync(() => admin.ExecuteAsync($"CREATE DATABASE {name} TEMPLATE {template ?? "template1"} STRATEGY FILE_COPY"));
        }
        var owner = new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, ApplicationName = "opendata-tests" };
        var reader = new NpgsqlConnectionStringBuilder(owner.ConnectionString) { Username = "opendata_reader", Password = ReaderPassword };
        return new TestDatabase(name, owner.ConnectionString, reader.ConnectionString);
    }

    /// <summary>
    /// Runs a statement that needs a database without sessions (DROP, RENAME, a TEMPLATE): pools of other roles (the
    /// API's) or an autovacuum worker may still hold one for a moment, so it is tried again, briefly.
    /// </summary>
    public static async Task RetryWhileInUseAsync(Func<Task> statement)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await statement();
                return;
            }
            catch (PostgresException e) when (attempt < 10 && e.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.ObjectInUse)
            {
                await Task.Delay(200 * attempt);
                NpgsqlConnection.ClearAllPools();
            }
        }
    }
}

/// <summary>A database of its own for one test class: nothing is shared between classes.</summary>
public sealed class TestDatabase(string name, string ownerConnectionString, string readerConnectionString) : IAsyncDisposable
{
    public string Name { get; } = name;
    /// <summary>The importer's role: owns the schema.</summary>
    public string OwnerConnectionString { get; } = ownerConnectionString;
    /// <summary>The API's role: may only read.</summary>
    public string ReaderConnectionString { get; } = readerConnectionString;

    public async Task<NpgsqlConnection> OpenOwnerAsync()
    {
        var connection = new NpgsqlConnection(OwnerConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>One value of the test's own SQL, read as the owner.</summary>
    public async Task<T> ScalarAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        return (await connection.ExecuteScalarAsync<T>(sql, args))!;
    }

    /// <summary>
    /// The rows of <paramref name="table"/> whose search column matches <paramref name="words"/> as a search is priced by
    /// them: PostgreSQL's estimate, or the matches counted when it estimates few (<c>opendata_meta.search_matches</c>).
    /// </summary>
    public async Task<long> EstimatedMatchesAsync(string table, string words) =>
        await ScalarAsync<long>($"SELECT opendata_meta.search_matches('{table}', {OpenData.Data.Reading.FullTextSearch.Config}, @words, {OpenData.Data.Reading.FullTextSearch.CountedBelow}, {OpenData.Data.Reading.FullTextSearch.IndexEntriesPerMatch})", new { words });

    /// <summary>
    /// The total cost PostgreSQL's planner estimates for <paramref name="sql"/> (what a filtered count, live statistics
    /// and a live timeline are priced by), planned here with its values written into the statement.
    /// </summary>
    public async Task<double> EstimatedCostAsync(string sql)
    {
        var plan = await ScalarAsync<string>($"EXPLAIN (FORMAT JSON) {sql}");
        return System.Text.Json.JsonDocument.Parse(plan).RootElement[0].GetProperty("Plan").GetProperty("Total Cost").GetDouble();
    }

    /// <summary>The rows of the test's own SQL, read as the owner.</summary>
    public async Task<List<T>> QueryAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        return (await connection.QueryAsync<T>(sql, args)).ToList();
    }

    /// <summary>The one row of the test's own SQL; fails unless there is exactly one.</summary>
    public async Task<T> QuerySingleAsync<T>(string sql, object? args = null)
    {
        await using var connection = new NpgsqlConnection(OwnerConnectionString);
        return await connection.QuerySingleAsync<T>(sql, args);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestPostgres.AdminConnectionString);
        await admin.OpenAsync();
        await TestPostgres.RetryWhileInUseAsync(() => admin.ExecuteAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)"));
    }
}
