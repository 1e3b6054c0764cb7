using Dapper;
using Npgsql;

namespace OpenData.Data;

/// <summary>Names shared by the importer and the API, and the one way to open the database.</summary>
public static class Database
{
    /// <summary>The schema the API reads. Imports build <see cref="StagingSchema"/> beside it and swap.</summary>
    public const string ServingSchema = "opendata";
    public const string StagingSchema = "opendata_next";
    public const string RetiredSchema = "opendata_previous";
    public const string ReaderRole = "opendata_reader";
    /// <summary>Channel notified with the new version when an import lands.</summary>
    public const string DatasetChannel = "opendata_dataset";

    static Database() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// Starts the read transaction of a list, a search, an export or an aggregate: one snapshot for a page and its
    /// total, and plans made for the filter's values. The API's pool keeps prepared statements, whose generic plans
    /// suit lookups by key; but a generic plan of a filtered list cannot know how many rows a ministry or a date
    /// range selects, and can be a hundred times slower than the plan for the values given. SET LOCAL ends with
    /// the transaction, so the pooled connection keeps its defaults.
    /// </summary>
    public static async Task<NpgsqlTransaction> BeginFilteredReadAsync(NpgsqlConnection connection, CancellationToken cancellationToken, TimeSpan? statementTimeout = null)
    {
        var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, cancellationToken);
        var timeout = statementTimeout is { } t ? $"; SET LOCAL statement_timeout = '{(int)t.TotalSeconds}s'" : "";
        await connection.ExecuteAsync(new CommandDefinition($"SET LOCAL plan_cache_mode = force_custom_plan{timeout}", transaction: transaction, cancellationToken: cancellationToken));
        return transaction;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = applicationName;
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
