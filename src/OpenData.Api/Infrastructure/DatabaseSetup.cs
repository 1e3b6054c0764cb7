using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;
using Npgsql;
using OpenData.Data;
using OpenData.Data.Reading;

namespace OpenData.Api.Infrastructure;

/// <summary>Configuration section "Database": how the API uses PostgreSQL.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>Server-side statement_timeout of the API's queries, and the database time one request may spend in all.</summary>
    [Range(0.001, 3600)]
    public double StatementTimeoutSeconds { get; set; } = 10;

    /// <summary>Connections per instance, unless the connection string sets Maximum Pool Size.</summary>
    [Range(1, 1000)]
    public int MaxPoolSize { get; set; } = 16;

    /// <summary>
    /// Connections per instance for GraphQL queries, a pool of their own: the statements GraphQL compiles are as varied as
    /// the documents clients send, and prepared statements are kept per connection (Max Auto Prepare), least recently
    /// used first out; on their own connections they cannot push REST's prepared statements out, nor take REST's connections.
    /// </summary>
    [Range(1, 1000)]
    public int GraphQLPoolSize { get; set; } = 8;

    /// <summary>
    /// Connections per instance for GraphQL's lookups (<see cref="PipelinedMaxValues"/>), a pool whose connections each
    /// carry several queries at once (Npgsql's multiplexing): their statements are written to PostgreSQL together and
    /// their answers read together, which took a third of PostgreSQL's CPU and a quarter of the API's off a lookup
    /// (bench/README.md). Answers on a connection are read in the order they were sent, each by its own request, so a
    /// query waits there for the answers before it to be read: only answers read in microseconds are sent there. 0, or
    /// a connection string of several hosts (read replicas: Npgsql multiplexes one host's connections only), sends every
    /// query to GraphQL's pool.
    /// </summary>
    [Range(0, 1000)]
    public int PipelinedPoolSize { get; set; } = 4;

    /// <summary>
    /// The GraphQL queries sent to the pipelined pool: those whose root fields are all lookups by id (<c>question</c>,
    /// <c>senator</c>, <c>node</c>…), reading nothing but rows by their keys (no list, search, total or figure at any
    /// depth), and returning at most this many values.
    /// </summary>
    [Range(0, 10_000)]
    public int PipelinedMaxValues { get; set; } = 50;

    /// <summary>How long the one command of an export may read (its rows go to a spool file, not to the client directly).</summary>
    [Range(1, 86_400)]
    public double ExportTimeoutSeconds { get; set; } = 600;
}

public static class DatabaseSetup
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> for the process's REST requests, on the read-only role from ConnectionStrings:OpenData,
    /// one for GraphQL's queries (Database:GraphQLPoolSize, 8: see there why), one whose connections carry several of its lookups
    /// at once (Database:PipelinedPoolSize, 4), and one of three connections for what runs outside requests (the dataset tracker's LISTEN and the
    /// readiness probe), so that a busy pool never reads as a database down. What the connection string sets always wins; otherwise: connect timeout 5 s and a bounded pool
    /// (Database:MaxPoolSize, 16), so an outage is a quick 503; a server-side statement_timeout
    /// (Database:StatementTimeoutSeconds, 10); statements prepared once used five times and kept across uses of a
    /// connection, which is not reset when returned to the pool (the API sets nothing on a session that outlives a
    /// command). The pool is small on purpose: a few connections kept busy serve more requests, with shorter tails,
    /// than many connections whose queries share the server's cores (bench/README.md). Every request reads through
    /// one <see cref="DatasetSession"/>, on one connection at a time.
    /// </summary>
    public static void AddOpenDataDatabase(this WebApplicationBuilder builder)
    {
        builder.Services.AddOptions<DatabaseOptions>().BindConfiguration(DatabaseOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        var connectionString = builder.Configuration.GetConnectionString("OpenData");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:OpenData is not set: give the API a connection string for the read-only role " +
                "(environment variable ConnectionStrings__OpenData), or start it with ./run.sh");

        foreach (var (pool, name) in new[] { (Pools.Requests, "opendata-api"), (Pools.GraphQL, "opendata-api-graphql"), (Pools.Background, "opendata-api-background") })
            builder.Services.AddKeyedSingleton(pool, (sp, _) =>
                Database.CreateDataSource(Settings(connectionString, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value, pool), name));
        builder.Services.AddSingleton(sp => sp.GetRequiredKeyedService<NpgsqlDataSource>(Pools.Requests));
        builder.Services.AddSingleton(sp => Pipelined(connectionString, sp.GetRequiredService<IOptions<DatabaseOptions>>().Value));
        builder.Services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
            return new ReadLimits(TimeSpan.FromSeconds(options.StatementTimeoutSeconds), TimeSpan.FromSeconds(options.ExportTimeoutSeconds));
        });
        builder.Services.AddOpenDataQueries();
    }

    /// <summary>The data sources of the process, by use.</summary>
    public static class Pools
    {
        /// <summary>REST's requests (and the default <see cref="NpgsqlDataSource"/>): Database:MaxPoolSize connections.</summary>
        public const string Requests = "requests";
        /// <summary>GraphQL's queries: Database:GraphQLPoolSize connections.</summary>
        public const string GraphQL = "graphql";
        /// <summary>GraphQL's lookups, several at once on each connection: Database:PipelinedPoolSize connections.</summary>
        public const string Pipelined = "pipelined";
        /// <summary>What runs outside requests: 3 connections.</summary>
        public const string Background = "background";
    }

    /// <summary>GraphQL's pipelined pool; none when its size is 0, or for several hosts (Npgsql multiplexes the connections of one host only).</summary>
    internal static PipelinedPool Pipelined(string connectionString, DatabaseOptions options) =>
        new(options.PipelinedPoolSize > 0 && new NpgsqlConnectionStringBuilder(connectionString).Host?.Contains(',') != true
            ? Database.CreateDataSource(Settings(connectionString, options, Pools.Pipelined), "opendata-api-pipelined") : null, options.PipelinedMaxValues);

    internal static string Settings(string connectionString, DatabaseOptions options, string pool)
    {
        var background = pool == Pools.Background;
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var given = settings.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        var statementTimeout = TimeSpan.FromSeconds(options.StatementTimeoutSeconds);
        if (!given.Contains("Timeout")) settings.Timeout = background ? 2 : 5;
        if (!given.Contains("Command Timeout")) settings.CommandTimeout = (int)Math.Ceiling(statementTimeout.TotalSeconds) + 5;
        if (background) settings.MaxPoolSize = 3;
        else if (pool == Pools.GraphQL) settings.MaxPoolSize = options.GraphQLPoolSize;
        else if (pool == Pools.Pipelined) (settings.MaxPoolSize, settings.Multiplexing) = (options.PipelinedPoolSize, true);
        else if (!given.Contains("Maximum Pool Size")) settings.MaxPoolSize = options.MaxPoolSize;
        if (!given.Contains("Max Auto Prepare")) settings.MaxAutoPrepare = 200;
        if (!given.Contains("No Reset On Close")) settings.NoResetOnClose = true;
        settings.Options = $"{settings.Options} -c statement_timeout={Math.Max(1, (int)statementTimeout.TotalMilliseconds)}".Trim();
        // Prepared statements keep one generic plan instead of being planned again at every execution (PostgreSQL's
        // automatic choice kept re-planning them: planning was about 40 % of a page's database time); a batch whose
        // plan depends on its values asks for custom plans itself (ReadBatch.PlanForValues).
        if (!settings.Options.Contains("plan_cache_mode", StringComparison.OrdinalIgnoreCase))
            settings.Options += " -c plan_cache_mode=force_generic_plan";
        // JIT compiles for longer than a page query runs (2.4 s of compilation for a 10 ms query seen with jit = on,
        // PostgreSQL's default and most managed services'): off on the API's own connections, whatever the server says.
        if (!settings.Options.Contains("jit=", StringComparison.OrdinalIgnoreCase))
            settings.Options += " -c jit=off";
        // The prices model PostgreSQL's choices for a dataset held in memory (deploy/postgresql.conf): with the default
        // random_page_cost of 4 it walks the date index for a search's page far longer than its price says (Prices.WalkPerMatch).
        if (!settings.Options.Contains("random_page_cost=", StringComparison.OrdinalIgnoreCase))
            settings.Options += " -c random_page_cost=1.1";
        return settings.ConnectionString;
    }
}

/// <summary>
/// The pool of GraphQL's lookups (Database:PipelinedPoolSize), whose connections each carry several at once, or none (a
/// size of 0, or several hosts).
/// </summary>
public sealed class PipelinedPool(NpgsqlDataSource? source, int maxValues) : IAsyncDisposable
{
    /// <summary>
    /// The pool of a batch whose roots are <paramref name="lookups"/> alone, for the <paramref name="work"/> it recorded;
    /// null for the pool of its kind (<see cref="DatabaseOptions.PipelinedMaxValues"/>).
    /// </summary>
    public NpgsqlDataSource? For(bool lookups, BatchWork work) =>
        lookups && work.ByKeysAlone && Saturating.Add(Saturating.Add(work.Values, work.Texts), work.NestedTexts) <= maxValues ? source : null;

    public ValueTask DisposeAsync() => source?.DisposeAsync() ?? ValueTask.CompletedTask;
}
