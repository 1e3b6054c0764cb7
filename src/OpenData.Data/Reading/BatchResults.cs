using System.Runtime.CompilerServices;
using Dapper;
using Npgsql;

namespace OpenData.Data.Reading;

/// <summary>
/// The result sets of one <see cref="NpgsqlBatch"/>, read in order: each Read… call takes the next one (statements
/// without rows, a SET, have none). Rows are mapped by Dapper's row parsers, as its queries map them.
/// </summary>
public sealed class BatchResults(NpgsqlBatch batch, NpgsqlDataReader reader) : IAsyncDisposable
{
    private bool started;

    /// <summary>The rows of the next result set.</summary>
    public async Task<List<T>> ReadAsync<T>()
    {
        await NextAsync();
        var rows = new List<T>();
        if (reader.FieldCount == 0) return rows;
        var parse = Parser<T>();
        while (await reader.ReadAsync()) rows.Add(parse(reader));
        return rows;
    }

    /// <summary>The rows of the next result set, each made by <paramref name="parse"/> from the reader on it.</summary>
    public async Task<List<T>> ReadAsync<T>(Func<System.Data.Common.DbDataReader, T> parse)
    {
        await NextAsync();
        var rows = new List<T>();
        if (reader.FieldCount == 0) return rows;
        while (await reader.ReadAsync()) rows.Add(parse(reader));
        return rows;
    }

    /// <summary>Skips the next result set.</summary>
    public Task ReadAsync() => NextAsync();

    /// <summary>The one row of the next result set; fails unless there is exactly one.</summary>
    public async Task<T> ReadSingleAsync<T>() => await ReadAsync<T>() is [var row] ? row
        : throw new InvalidOperationException("the statement did not return exactly one row");

    /// <summary>The one row of the next result set, or the default without any; fails on more than one.</summary>
    public async Task<T?> ReadSingleOrDefaultAsync<T>() => await ReadAsync<T>() switch
    {
        [] => default,
        [var row] => row,
        _ => throw new InvalidOperationException("the statement returned more than one row"),
    };

    /// <summary>
    /// The one row of the next result set: its first column's bytes as PostgreSQL sent them (text in UTF-8, never decoded
    /// into a .NET string), null for NULL; and its second column, a bigint, when <paramref name="withCount"/>.
    /// </summary>
    public async Task<(byte[]? Bytes, long Count)> ReadUtf8Async(bool withCount)
    {
        await NextAsync();
        if (!await reader.ReadAsync()) throw new InvalidOperationException("the statement returned no row");
        var bytes = await reader.IsDBNullAsync(0) ? null : await reader.GetFieldValueAsync<byte[]>(0);
        var count = withCount ? reader.GetInt64(1) : 0;
        if (await reader.ReadAsync()) throw new InvalidOperationException("the statement returned more than one row");
        return (bytes, count);
    }

    /// <summary>
    /// The rows of the next result set as PostgreSQL sends them (the last one of the batch: an export), each made by
    /// <paramref name="parse"/> from the reader on it.
    /// </summary>
    public async IAsyncEnumerable<T> ReadUnbufferedAsync<T>(Func<System.Data.Common.DbDataReader, T> parse, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await NextAsync(cancellationToken);
        if (reader.FieldCount == 0) yield break;
        while (await reader.ReadAsync(cancellationToken)) yield return parse(reader);
    }

    // Dapper's parser of the rows as objects: its typed GetRowParser<string> cannot cast its own object parser.
    private Func<System.Data.Common.DbDataReader, T> Parser<T>()
    {
        var parse = reader.GetRowParser<object>(typeof(T));
        return row => (T)parse(row);
    }

    private async Task NextAsync(CancellationToken cancellationToken = default)
    {
        if (!started)
        {
            started = true;
            return;
        }
        if (!await reader.NextResultAsync(cancellationToken)) throw new InvalidOperationException("the batch has no more result sets");
    }

    private bool cancelled;

    /// <summary>
    /// Asks PostgreSQL to stop the statement being read (an export left before its end): disposing a reader reads what is
    /// left of its rows, the whole table for an export refused after its count (8 s at 300,000 questions).
    /// </summary>
    public void Cancel()
    {
        cancelled = true;
        batch.Cancel();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await reader.DisposeAsync();
        }
        catch (NpgsqlException) when (cancelled)
        {
            // The statement's "canceling statement due to user request", or the connection's end: what was asked for.
        }
        await batch.DisposeAsync();
    }
}
