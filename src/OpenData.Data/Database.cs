using System.Runtime.CompilerServices;
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

    // Dapper's settings are process-wide: set once, before any query of this library runs, whoever calls it first.
#pragma warning disable CA2255
    [ModuleInitializer]
#pragma warning restore CA2255
    internal static void ConfigureDapper() => DefaultTypeMap.MatchNamesWithUnderscores = true;

    /// <summary>
    /// A data source named <paramref name="name"/>: the name, not the connection string, is what its metrics
    /// (<c>db.client.connection.pool.name</c>) and traces show.
    /// </summary>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string name)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(settings.ApplicationName)) settings.ApplicationName = name;
        var builder = new NpgsqlDataSourceBuilder(settings.ConnectionString) { Name = name };
        return builder.Build();
    }
}
