using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace OpenData.Data.Paging;

/// <summary>What every list shares: a page fetched with one row more than asked, to know whether another follows, and unbuffered exports.</summary>
internal static class Keyset
{
    /// <summary>How long an export may run on the server.</summary>
    public static readonly TimeSpan ExportTimeout = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs <paramref name="page"/> (built with LIMIT limit + 1) and the count on one connection; when
    /// <paramref name="filtered"/>, in a read transaction planned for the filter's values
    /// (<see cref="Database.BeginFilteredReadAsync"/>). An unfiltered list has no value to plan for: it saves
    /// that transaction's two round trips.
    /// </summary>
    public static async Task<Page<T>> PageAsync<T>(NpgsqlDataSource dataSource, CommandDefinition page, Func<NpgsqlConnection, Task<long>> count,
        int limit, Func<T, string> cursorOf, bool filtered)
    {
        await using var connection = await dataSource.OpenConnectionAsync(page.CancellationToken);
        await using var transaction = filtered ? await Database.BeginFilteredReadAsync(connection, page.CancellationToken) : null;
        var rows = (await connection.QueryAsync<T>(page)).ToList();
        var total = await count(connection);
        if (transaction is not null) await transaction.CommitAsync(page.CancellationToken);
        string? next = null;
        if (rows.Count > limit)
        {
            rows.RemoveAt(limit);
            next = cursorOf(rows[^1]);
        }
        return new Page<T>(rows, total, next);
    }

    /// <summary>Streams the rows as PostgreSQL sends them: memory stays flat whatever the number of rows.</summary>
    public static async IAsyncEnumerable<T> StreamAsync<T>(NpgsqlDataSource dataSource, string sql, object parameters,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        // An export of the whole set takes longer than any page: it gets its own limit, for its transaction only.
        await using var transaction = await Database.BeginFilteredReadAsync(connection, cancellationToken, ExportTimeout);
        await foreach (var row in connection.QueryUnbufferedAsync<T>(sql, parameters, transaction).WithCancellation(cancellationToken))
            yield return row;
        await transaction.CommitAsync(cancellationToken);
    }
}
