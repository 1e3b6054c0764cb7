using System.Diagnostics;
using System.Runtime.CompilerServices;
using Npgsql;
using OpenData.Data.Paging;

namespace OpenData.Data.Reading;

/// <summary>How long one request may read, and how long an export may.</summary>
/// <param name="RequestBudget">Database time one request may spend over all its commands (the statement timeout).</param>
/// <param name="ExportTimeout">How long the one command of an export may run.</param>
public sealed record ReadLimits(TimeSpan RequestBudget, TimeSpan ExportTimeout)
{
    /// <summary>The API's defaults, for tools reading outside a request.</summary>
    public static readonly ReadLimits Default = new(TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(10));
}

/// <summary>
/// One request's reads. Every command it sends is one batch, one round trip and one (implicit) transaction,
/// whose first statement reads the serving dataset's version: that takes the lock the importer's swap waits
/// for, so the statements after it cannot straddle a swap. Commands after the first must read the same
/// version, or <see cref="DatasetChangedException"/> is thrown and the request is read again. Commands run one
/// at a time on one connection, so a request never holds more than one pooled connection, and all of them
/// together get <see cref="ReadLimits.RequestBudget"/> of database time.
/// </summary>
public sealed class DatasetSession(NpgsqlDataSource dataSource, ReadLimits limits, TotalsCache totals, IBatchAdmission? admission = null,
    SearchEstimates? estimates = null) : IAsyncDisposable
{
    private readonly SearchEstimates estimates = estimates ?? new SearchEstimates();

    private const string VersionSql = $"SELECT (SELECT version FROM {Datasets.DatasetQueries.Serving} d)";
    private const string PlanSql = "SET LOCAL plan_cache_mode = force_custom_plan";
    private const string TimeoutSql = "SELECT set_config('statement_timeout', $1, true)";

    private readonly SemaphoreSlim turn = new(1, 1);
    private NpgsqlConnection? connection;
    private long? firstCommand;

    /// <summary>The dataset version every command of this request read; null before the first (or without any dataset).</summary>
    public long? Version { get; private set; }

    /// <summary>Whether a command ran: <see cref="Version"/> is then the request's dataset.</summary>
    public bool HasRead { get; private set; }

    public ReadBatch Batch() => new(this);

    /// <summary>The statement timeout of an export's one command.</summary>
    public TimeSpan ExportTimeout => limits.ExportTimeout;


    internal async Task RunAsync(ReadBatch batch, CancellationToken cancellationToken)
    {
        await AdmitAsync(batch, cancellationToken);
        await turn.WaitAsync(cancellationToken);
        try
        {
            await using var grid = await OpenAsync(batch, null, cancellationToken);
            foreach (var read in batch.Readers) await read(grid);
        }
        catch (Exception e) when (e is not DatasetChangedException)
        {
            await DropConnectionAsync();
            throw;
        }
        finally
        {
            turn.Release();
        }
    }

    /// <summary>Runs the batch, then streams the rows of <paramref name="sql"/> (its last statement) as PostgreSQL sends them.</summary>
    internal async IAsyncEnumerable<T> StreamAsync<T>(ReadBatch batch, string sql, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await AdmitAsync(batch, cancellationToken);
        await turn.WaitAsync(cancellationToken);
        var failed = true;
        try
        {
            await using var grid = await OpenAsync(batch, sql, cancellationToken);
            foreach (var read in batch.Readers) await read(grid);
            await foreach (var row in grid.ReadUnbufferedAsync<T>(cancellationToken))
                yield return row;
            failed = false;
        }
        finally
        {
            if (failed) await DropConnectionAsync();
            turn.Release();
        }
    }

    private async Task AdmitAsync(ReadBatch batch, CancellationToken cancellationToken)
    {
        if (admission is null) return;
        await EstimateMatchesAsync(batch.Work, cancellationToken);
        await admission.AdmitAsync(batch, cancellationToken);
    }

    /// <summary>
    /// Sets <see cref="BatchWork.Matches"/>: the most rows one of the work's full-text searches matches, as PostgreSQL's
    /// planner estimates them from the search column's statistics, remembered per dataset version in
    /// <see cref="SearchEstimates"/>. One search new to the version is estimated per call (one EXPLAIN, one round trip on this
    /// request's connection), before the request is charged: a request refused for its price has planned one statement at
    /// most, however many new searches it names. While another is still unknown, Matches stays null (every row may match).
    /// </summary>
    public async Task EstimateMatchesAsync(BatchWork work, CancellationToken cancellationToken)
    {
        if (work.Searches.Count == 0 || work.Matches is not null) return;
        long most = 0;
        var unknown = work.Searches.Where(search => !estimates.TryGet(totals.LatestVersion, search, out _)).ToList();
        if (unknown.Count > 0) await EstimateAsync(unknown[0], cancellationToken);
        if (unknown.Count > 1) return;
        foreach (var search in work.Searches)
            if (estimates.TryGet(totals.LatestVersion, search, out var matches)) most = Math.Max(most, matches);
            else return; // the dataset changed meanwhile: priced as if every row matched
        work.Matches = most;
    }

    private async Task EstimateAsync(FullTextSearch search, CancellationToken cancellationToken)
    {
        await turn.WaitAsync(cancellationToken);
        try
        {
            connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlBatch(connection);
            command.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
            command.BatchCommands.Add(new NpgsqlBatchCommand(PlanSql)); // estimated for the words, not generically
            command.BatchCommands.Add(new NpgsqlBatchCommand(search.EstimateSql) { Parameters = { new NpgsqlParameter { Value = search.Words } } });
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            var version = await reader.IsDBNullAsync(0, cancellationToken) ? -1 : reader.GetInt64(0);
            await reader.NextResultAsync(cancellationToken);
            await reader.ReadAsync(cancellationToken);
            estimates.Set(version, search, PlanRows(reader.GetString(0)));
            totals.Observe(version);
        }
        catch
        {
            await DropConnectionAsync();
            throw;
        }
        finally
        {
            turn.Release();
        }
    }

    private static long PlanRows(string explained)
    {
        using var plan = System.Text.Json.JsonDocument.Parse(explained);
        return (long)Math.Ceiling(plan.RootElement[0].GetProperty("Plan").GetProperty("Plan Rows").GetDouble());
    }

    private async Task<BatchResults> OpenAsync(ReadBatch batch, string? streamed, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        firstCommand ??= now;
        var spent = Stopwatch.GetElapsedTime(firstCommand.Value, now);
        if (spent >= limits.RequestBudget && batch.StatementTimeout is null)
            throw new TimeoutException($"the request spent its {limits.RequestBudget.TotalSeconds:0.#} s of database time");

        // The statement timeout of the pool applies to the first command; later ones get what is left of the budget.
        var timeout = batch.StatementTimeout ?? (HasRead ? limits.RequestBudget - spent : null);
        connection ??= await dataSource.OpenConnectionAsync(cancellationToken);
        // One round trip and one implicit transaction: the commands of a batch are sent with one Sync.
        var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
        if (batch.PlanForValues) command.BatchCommands.Add(new NpgsqlBatchCommand(PlanSql));
        if (timeout is { } t)
            command.BatchCommands.Add(new NpgsqlBatchCommand(TimeoutSql)
            {
                Parameters = { new NpgsqlParameter { Value = Math.Max(1, (long)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });
        foreach (var statement in batch.Statements) command.BatchCommands.Add(Command(statement, batch.Parameters));
        if (streamed is not null) command.BatchCommands.Add(Command(streamed, batch.Parameters));

        NpgsqlDataReader reader;
        try
        {
            reader = await command.ExecuteReaderAsync(cancellationToken);
        }
        catch
        {
            await command.DisposeAsync();
            throw;
        }
        var grid = new BatchResults(command, reader);
        var version = await grid.ReadSingleAsync<long?>();
        if (timeout is not null) await grid.ReadAsync();
        if (HasRead && version != Version)
        {
            await grid.DisposeAsync();
            throw new DatasetChangedException(Version, version);
        }
        Version = version;
        HasRead = true;
        batch.Version = version;
        totals.Observe(version);
        return grid;
    }

    /// <summary>
    /// A statement with the batch's values it can name: $1 to the highest $n in its text (statements share one bag, and
    /// an earlier value it does not name is sent, typed, and ignored).
    /// </summary>
    private static NpgsqlBatchCommand Command(string sql, Sql.SqlValues values)
    {
        var command = new NpgsqlBatchCommand(sql.TrimEnd().TrimEnd(';'));
        var highest = Math.Min(HighestPosition(sql), values.All.Count);
        for (var i = 0; i < highest; i++) command.Parameters.Add(new NpgsqlParameter { Value = values.All[i] });
        return command;
    }

    private static int HighestPosition(string sql)
    {
        var highest = 0;
        for (var i = sql.IndexOf('$'); i >= 0 && i < sql.Length - 1; i = sql.IndexOf('$', i + 1))
        {
            var n = 0;
            var j = i + 1;
            while (j < sql.Length && char.IsAsciiDigit(sql[j]) && n < 100_000) n = n * 10 + (sql[j++] - '0');
            highest = Math.Max(highest, n);
        }
        return highest;
    }

    /// <summary>Returns the connection to the pool now (an export that has read everything it sends).</summary>
    public async ValueTask ReleaseAsync()
    {
        await turn.WaitAsync();
        try
        {
            if (connection is not null) await connection.DisposeAsync();
            connection = null;
        }
        finally
        {
            turn.Release();
        }
    }

    private async ValueTask DropConnectionAsync()
    {
        if (connection is null) return;
        var broken = connection;
        connection = null;
        await broken.DisposeAsync();
    }

    public ValueTask DisposeAsync() => ReleaseAsync();
}

/// <summary>
/// The dataset was replaced between two commands of one request: what was read cannot be combined. The request
/// is read again from the start (once; twice in a row is a 503 with Retry-After).
/// </summary>
public sealed class DatasetChangedException(long? before, long? after)
    : Exception($"the dataset changed from version {before} to {after} while the request was read");
