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

    public static NpgsqlDataSource CreateDataSource(string connectionString, string applicationName)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.ApplicationName)) builder.ApplicationName = applicationName;
        return new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
    }
}
