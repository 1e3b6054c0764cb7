namespace OpenData.Data.Reading;

/// <summary>
/// The statements of one command of a <see cref="DatasetSession"/>, and what reads their results: query classes
/// add to a batch and hand back a <see cref="Deferred{T}"/>, filled when the batch has run. One batch is one
/// round trip, whatever the number of statements.
/// </summary>
public sealed class ReadBatch
{
    private readonly DatasetSession session;
    private readonly List<string> statements = [];
    private readonly List<Func<BatchResults, Task>> readers = [];

    internal ReadBatch(DatasetSession session) => this.session = session;

    /// <summary>One parameter bag for every statement (see <see cref="Sql.SqlWhere"/>).</summary>
    public Sql.SqlValues Parameters { get; } = new();

    /// <summary>
    /// Plan the statements for the values bound, not generically: lists, searches and aggregates, whose cost depends
    /// on how many rows a value selects (a generic plan cannot know, and can be a hundred times slower). Other
    /// batches (lookups by key, unfiltered pages, lists tied to their parent) run their statements' prepared generic
    /// plans (the API's connections default to them), not planned again at each execution.
    /// </summary>
    public bool PlanForValues { get; set; }

    /// <summary>A statement timeout of its own (exports), instead of the request's budget.</summary>
    public TimeSpan? StatementTimeout { get; set; }

    /// <summary>What the statements added so far ask of PostgreSQL beyond index lookups (what the request is priced by).</summary>
    public BatchWork Work { get; } = new();

    /// <summary>The values bound from a GraphQL variable, each read from the text the client gave (see <see cref="Graph.CompiledQuery.Rebind"/>).</summary>
    internal List<BoundVariable> Variables { get; } = [];

    /// <summary>The dataset version the batch read, once run.</summary>
    public long? Version { get; internal set; }

    internal IReadOnlyList<string> Statements => statements;
    internal IReadOnlyList<Func<BatchResults, Task>> Readers => readers;

    public Sql.SqlWhere Where() => new(Parameters, Work);

    /// <summary>Adds statements and the function reading exactly their result sets, in order.</summary>
    public Deferred<T> Add<T>(IEnumerable<string> sql, Func<BatchResults, Task<T>> read)
    {
        var result = new Deferred<T>();
        statements.AddRange(sql);
        readers.Add(async grid => result.Set(await read(grid)));
        return result;
    }

    public Deferred<T> Add<T>(string sql, Func<BatchResults, Task<T>> read) => Add([sql], read);

    public Task RunAsync(CancellationToken cancellationToken) => session.RunAsync(this, cancellationToken);

    /// <summary>Runs the batch, then streams the rows of <paramref name="sql"/>, its last statement.</summary>
    /// <summary>The rows of <paramref name="sql"/> streamed, each made by <paramref name="parse"/> from the reader on it.</summary>
    public IAsyncEnumerable<T> StreamAsync<T>(string sql, Func<System.Data.Common.DbDataReader, T> parse, CancellationToken cancellationToken) =>
        session.StreamAsync(this, sql, parse, cancellationToken);

    /// <summary>Runs the batch and returns the one value it was built for.</summary>
    public async Task<T> RunAsync<T>(Deferred<T> result, CancellationToken cancellationToken)
    {
        await RunAsync(cancellationToken);
        return result.Value;
    }
}

/// <summary>A result of a batch, available once the batch has run.</summary>
public sealed class Deferred<T>
{
    private T? value;
    private bool set;

    public T Value => set ? value! : throw new InvalidOperationException("the batch has not run yet");

    internal void Set(T result)
    {
        value = result;
        set = true;
    }
}

/// <summary>A value of a batch (its index among <see cref="ReadBatch.Parameters"/>) given by a GraphQL variable, and how it is read from the variable's text.</summary>
internal sealed record BoundVariable(int Index, string Name, Func<string, object?> Read);
