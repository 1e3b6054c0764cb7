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
    /// ConnectionStrings:OpenData. Unless the connection string says otherwise: connect timeout 5 s and a
    /// bounded pool (Database:MaxPoolSize, default 16), so an outage is a quick 503 rather than hanging
    /// requests; and a server-side statement_timeout (Database:StatementTimeoutSeconds, default 10) so a
    /// runaway query is cancelled by PostgreSQL itself (also a 503). Exports raise it for their own transaction.
    /// The pool is small on purpose: a few connections kept busy serve more requests, with shorter tails, than
    /// many connections whose queries share the server's cores (measured in bench/README.md). Statements are
    /// prepared once used five times and kept across uses of a connection, which is not reset when returned to the
    /// pool (the API sets nothing on a session that outlives a request); lists, searches and aggregates are planned
    /// for their filter's values (<see cref="Database.BeginFilteredReadAsync"/>).
    /// </summary>
    public static void AddOpenDataDatabase(this WebApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString("OpenData");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException(
                "ConnectionStrings:OpenData is not set: give the API a connection string for the read-only role " +
                "(environment variable ConnectionStrings__OpenData), or start it with ./run.sh");

        var given = new NpgsqlConnectionStringBuilder(connectionString);
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var statementTimeout = builder.Configuration.GetValue("Database:StatementTimeoutSeconds", 10.0);
        if (!Mentions(connectionString, "Timeout")) settings.Timeout = 5;
        if (!Mentions(connectionString, "Command Timeout")) settings.CommandTimeout = (int)Math.Ceiling(statementTimeout) + 5;
        if (!Mentions(connectionString, "Maximum Pool Size")) settings.MaxPoolSize = builder.Configuration.GetValue("Database:MaxPoolSize", 16);
        if (!Mentions(connectionString, "Max Auto Prepare")) settings.MaxAutoPrepare = 200;
        if (!Mentions(connectionString, "No Reset On Close")) settings.NoResetOnClose = true;
        settings.Options = $"{given.Options} -c statement_timeout={(int)(statementTimeout * 1000)}".Trim();
        // Registered through a factory so the container owns it and closes its connections on shutdown.
        builder.Services.AddSingleton(_ => Database.CreateDataSource(settings.ConnectionString, "opendata-api"));
        builder.Services.AddSingleton<DatasetQueries>();
        builder.Services.AddSingleton<QuestionQueries>();
        builder.Services.AddSingleton<QuestionFacets>();
        builder.Services.AddSingleton<AnswerQueries>();
        builder.Services.AddSingleton<Lookups>();
    }

    private static bool Mentions(string connectionString, string keyword) =>
        connectionString.Split(';').Any(part => part.Split('=')[0].Trim().Equals(keyword, StringComparison.OrdinalIgnoreCase));
}
