using Npgsql;
using OpenData.Data;
using OpenData.Data.Answers;
using OpenData.Data.Datasets;
using OpenData.Data.Questions;

namespace OpenData.Api.Infrastructure;

public static class DatabaseSetup
{
    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> for the process, on the read-only role from
    /// ConnectionStrings:OpenData, with short connect and command timeouts so that a database outage
    /// turns into a quick 503 instead of hanging requests.
    /// </summary>
    public static void AddOpenDataDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("OpenData");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:OpenData is not set: give the API a connection string for the read-only role " +
                "(environment variable ConnectionStrings__OpenData), or start it with ./run.sh");

        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        if (!connectionString.Contains("Timeout", StringComparison.OrdinalIgnoreCase)) settings.Timeout = 5;
        if (!connectionString.Contains("Command Timeout", StringComparison.OrdinalIgnoreCase)) settings.CommandTimeout = 15;
        // Registered through a factory so the container owns it and closes its connections on shutdown.
        builder.Services.AddSingleton(_ => Database.CreateDataSource(settings.ConnectionString, "opendata-api"));
        builder.Services.AddSingleton<DatasetQueries>();
        builder.Services.AddSingleton<QuestionQueries>();
        builder.Services.AddSingleton<QuestionFacets>();
        builder.Services.AddSingleton<AnswerQueries>();
        builder.Services.AddSingleton<Lookups>();
    }
}
