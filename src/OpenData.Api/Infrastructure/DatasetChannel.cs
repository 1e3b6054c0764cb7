using Dapper;
using Npgsql;

namespace OpenData.Api.Infrastructure;

/// <summary>The importer's notification channel, as far as the server the API reads from allows.</summary>
internal static class DatasetChannel
{
    /// <summary>
    /// LISTENs for new datasets, except on a standby (a read replica): PostgreSQL refuses LISTEN during recovery,
    /// and the importer's NOTIFY on the primary is not replicated anyway. There, <see cref="DatasetState"/> notices a
    /// new dataset by its poll alone (every Dataset:PollSeconds), once replication has brought it.
    /// </summary>
    public static async Task ListenUnlessStandbyAsync(NpgsqlConnection connection, ILogger logger, TimeSpan pollInterval, CancellationToken cancellationToken)
    {
        if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT pg_is_in_recovery()", cancellationToken: cancellationToken)))
        {
            logger.LogInformation("Reading from a standby: new datasets are noticed by polling every {Seconds} s (NOTIFY is not replicated)", pollInterval.TotalSeconds);
            return;
        }
        await connection.ExecuteAsync(new CommandDefinition($"LISTEN {OpenData.Data.Database.DatasetChannel}", cancellationToken: cancellationToken));
    }
}
