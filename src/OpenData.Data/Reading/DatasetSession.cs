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
public sealed partial class DatasetSession(NpgsqlDataSource dataSource, ReadLimits limits, TotalsCache totals, IBatchAdmission? admission = null,
    PlannerEstimates? estimates = null) : IAsyncDisposable
{
    private readonly PlannerEstimates estimates = estimates ?? new PlannerEstimates();
    private NpgsqlDataSource pool = dataSource;

    private const string VersionSql = $"SELECT (SELECT version FROM {Datasets.DatasetQueries.Serving} d)";
    // Until the batch's end (its implicit transaction): SET LOCAL would not do, as PostgreSQL ignores it outside a
    // transaction block, with a warning, and a batch's statements are not in one; set_config(…, true) lasts until its Sync.
    private const string PlanSql = "SELECT set_config('plan_cache_mode', 'force_custom_plan', true)";
    // A row's search words are stored out of line (TOAST): a sequential scan testing them reads about four buffers a row
    // (counting a word in 194,000 of 300,000 questions: 1.0-1.15 s), where the search index finds the same rows in
    // 0.16-0.23 s. The planner counts neither and finds the two within 1 % of each other: a batch that searches is planned
    // without the sequential scans it could avoid (a table with no usable index is still read in full).
    private const string SearchPlanSql = PlanSql + ", " + IndexedSearchSql;
    private const string IndexedSearchSql = "set_config('enable_seqscan', 'off', true)";
    private const string TimeoutSql = "SELECT set_config('statement_timeout', $1, true)";

    private readonly SemaphoreSlim turn = new(1, 1);
    private NpgsqlConnection? connection;
    private long? firstCommand;

    /// <summary>The dataset version every command of this request read; null before the first (or without any dataset).</summary>
    public long? Version { get; private set; }

    /// <summary>Whether a command ran: <see cref="Version"/> is then the request's dataset.</summary>
    public bool HasRead { get; private set; }

    public ReadBatch Batch() => new(this);

    /// <summary>
    /// Reads through <paramref name="source"/> (a pool of its own) instead of the default pool: before the first command.
    /// <paramref name="multiplexed"/>: its connections carry several sessions' batches at once (Npgsql's multiplexing).
    /// </summary>
    public void ReadFrom(NpgsqlDataSource source, bool multiplexed = false)
    {
        if (connection is not null && source != pool) throw new InvalidOperationException("the session has read from its pool already");
        (pool, this.multiplexed) = (source, multiplexed);
    }

    /// <summary>Whether a command was sent, or a connection taken: the pool can no longer change (<see cref="ReadFrom"/>).</summary>
    public bool HasConnection => connection is not null;

    private bool multiplexed;

    /// <summary>The statement timeout of an export's one command.</summary>
    public TimeSpan ExportTimeout => limits.ExportTimeout;


    internal async Task RunAsync(ReadBatch batch, CancellationToken cancellationToken)
    {
        await AdmitAsync(batch, cancellationToken);
        await turn.WaitAsync(cancellationToken);
        sent = null;
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
            // What PostgreSQL took from the batch's sending (not the wait for a connection), for what the price did not
            // cover (an export is priced by its rows and not settled).
            // A backend's first batch is not settled: loading its caches is the server's cost, not the request's.
            if (admission is not null && sent is { } at && !firstOfBackend) await admission.SettleAsync(Stopwatch.GetElapsedTime(at));
        }
    }

    /// <summary>Runs the batch, then streams the rows of <paramref name="sql"/> (its last statement) as PostgreSQL sends them.</summary>
    internal async IAsyncEnumerable<T> StreamAsync<T>(ReadBatch batch, string sql, Func<System.Data.Common.DbDataReader, T> parse, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await AdmitAsync(batch, cancellationToken);
        await turn.WaitAsync(cancellationToken);
        var failed = true;
        try
        {
            await using var grid = await OpenAsync(batch, sql, cancellationToken);
            try
            {
                foreach (var read in batch.Readers) await read(grid);
                await foreach (var row in grid.ReadUnbufferedAsync(parse, cancellationToken))
                    yield return row;
                failed = false;
            }
            finally
            {
                if (failed) grid.Cancel(); // left early (refused, failed, the client gone): the rest is not read
            }
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
        await EstimateAsync(batch.Work, cancellationToken);
        await admission.AdmitAsync(batch, cancellationToken);
    }

    /// <summary>When the batch being run was sent to PostgreSQL (null before, or when it never was).</summary>
    private long? sent;

    /// <summary>Whether the batch being run is the first one of its PostgreSQL backend that this process sends.</summary>
    private bool firstOfBackend;

    /// <summary>The backends (process ids) this process has sent a batch to; forgotten past 10,000 (a reused id then counts as known).</summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, bool> KnownBackends = new();

    private async Task<BatchResults> OpenAsync(ReadBatch batch, string? streamed, CancellationToken cancellationToken)
    {
        var now = Stopwatch.GetTimestamp();
        firstCommand ??= now;
        var spent = Stopwatch.GetElapsedTime(firstCommand.Value, now);
        if (spent >= limits.RequestBudget && batch.StatementTimeout is null)
            throw new TimeoutException($"the request spent its {limits.RequestBudget.TotalSeconds:0.#} s of database time");

        // The statement timeout of the pool applies to the first command; later ones get what is left of the budget.
        var timeout = batch.StatementTimeout ?? (HasRead ? limits.RequestBudget - spent : null);
        connection ??= await pool.OpenConnectionAsync(cancellationToken);
        // One round trip and one implicit transaction: the commands of a batch are sent with one Sync.
        var command = new NpgsqlBatch(connection);
        command.BatchCommands.Add(new NpgsqlBatchCommand(VersionSql));
        if (batch.PlanForValues) command.BatchCommands.Add(new NpgsqlBatchCommand(batch.Work.Searches.Count > 0 ? SearchPlanSql : PlanSql));
        if (timeout is { } t)
            command.BatchCommands.Add(new NpgsqlBatchCommand(TimeoutSql)
            {
                Parameters = { new NpgsqlParameter { Value = Math.Max(1, (long)t.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture) } },
            });
        foreach (var statement in batch.Statements) command.BatchCommands.Add(Command(statement, batch.Parameters, batch.Work.Questions));
        if (streamed is not null) command.BatchCommands.Add(Command(streamed, batch.Parameters, batch.Work.Questions));

        NpgsqlDataReader reader;
        if (KnownBackends.Count > 10_000) KnownBackends.Clear();
        // A multiplexed connection is bound to no backend until its command is written: its first batches are settled.
        firstOfBackend = !multiplexed && KnownBackends.TryAdd(connection.ProcessID, true);
        sent = Stopwatch.GetTimestamp();
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
        if (batch.PlanForValues) await grid.ReadAsync();
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
    /// an earlier value it does not name is sent, typed, and ignored); a <see cref="BatchValue"/> decided by the searches'
    /// matches estimated for the serving dataset.
    /// </summary>
    private NpgsqlBatchCommand Command(string sql, Sql.SqlValues values, long? questions = null)
    {
        var command = new NpgsqlBatchCommand(sql.TrimEnd().TrimEnd(';'));
        var highest = Math.Min(HighestPosition(sql), values.All.Count);
        for (var i = 0; i < highest; i++)
            command.Parameters.Add(new NpgsqlParameter { Value = values.All[i] is BatchValue decided ? decided.Of(MatchesOf, questions) : values.All[i] });
        return command;
    }

    private long? MatchesOf(FullTextSearch search) => estimates.TryGet(totals.LatestVersion, search, out var matches) ? matches : null;

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
