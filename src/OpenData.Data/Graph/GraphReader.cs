using OpenData.Data.Datasets;
using OpenData.Data.Paging;
using OpenData.Data.Reading;

namespace OpenData.Data.Graph;

/// <summary>
/// Reads GraphQL root fields: each is compiled into one statement building its JSON (see <see cref="GraphCompiler"/>),
/// and every root field of a request goes in one batch: one round trip, one dataset.
/// </summary>
public sealed class GraphReader(TotalsCache totals)
{
    /// <summary>
    /// Compiles root fields into <paramref name="batch"/>, a statement each. Each value is its field's JSON in UTF-8
    /// (compact; <c>null</c> for none), as PostgreSQL sent it: never decoded into a .NET string and encoded again. The
    /// batch's work records what they cost (the dataset's longest lists, <paramref name="bounds"/>, multiply the work of a
    /// plain list). Also returns them as a <see cref="CompiledQuery"/> that a later batch of the same dataset <paramref name="version"/> can run again
    /// without compiling (<see cref="Replay"/>); null when it cannot be reused (a total it counts is remembered once read,
    /// and the next compilation binds it instead).
    /// </summary>
    public (IReadOnlyList<Deferred<ArraySegment<byte>>> Values, CompiledQuery? Reusable) Compile(ReadBatch batch, IReadOnlyList<FieldRead> roots, ListBounds bounds, long? version)
    {
        // The serving version is known before any batch of this process has read it (the first request of a fresh
        // instance): its statements are that version's, reusable as any later compilation's.
        totals.Observe(version);
        var compiled = roots.Select(field => Compile(batch, field, bounds)).ToList();
        var values = compiled.Select(root => Add(batch, root.Sql, root.Total)).ToList();
        var reusable = version is null || version != totals.LatestVersion || compiled.Any(root => root.Total?.Counts == true)
            || compiled.Sum(root => (long)root.Sql.Length) > CompiledQuery.MaxKeptLength ? null : new CompiledQuery(version.Value, compiled, batch);
        return (values, reusable);
    }

    /// <summary>Whether <paramref name="compiled"/> is of the serving dataset <paramref name="version"/> (its bounds, and the totals it binds).</summary>
    public bool IsCurrent(CompiledQuery compiled, long? version) => compiled.Version == version && totals.LatestVersion == version;

    /// <summary>Adds the statements of <paramref name="compiled"/> to <paramref name="batch"/>, with their values and their work.</summary>
    public IReadOnlyList<Deferred<ArraySegment<byte>>> Replay(ReadBatch batch, CompiledQuery compiled)
    {
        if (batch.Statements.Count > 0 || batch.Parameters.All.Count > 0) throw new InvalidOperationException("a compiled query is replayed on a batch of its own");
        foreach (var value in compiled.Parameters) batch.Parameters.Bind(value);
        batch.PlanForValues |= compiled.PlanForValues;
        batch.Work.Add(compiled.Work);
        return compiled.Roots.Select(root => Add(batch, root.Sql, root.Total)).ToList();
    }

    private (string Sql, ListTotal? Total) Compile(ReadBatch batch, FieldRead field, ListBounds bounds)
    {
        var c = new GraphCompiler(batch, totals, bounds);
        var json = field.Field switch
        {
            FieldRead.TypeName => c.Value($"to_json({JsonSql.Literal((string)field.Arguments!)}::text)"),
            FieldRead.Null => c.Value("NULL::json"),
            _ => RootGraph.Instance.Field(c, "", field, NodeContext.None),
        };
        if (c.RootTotal is not { } total) return ($"SELECT {JsonSql.ToJson(json)}::text", null);
        // A list's total is counted once (a materialized CTE), returned beside the JSON to be remembered.
        return ($"WITH {GraphCompiler.RootTotalName} AS MATERIALIZED (SELECT {total.Sql} AS n) SELECT {JsonSql.ToJson(json)}::text, (SELECT n FROM {GraphCompiler.RootTotalName})", total);
    }

    private static Deferred<ArraySegment<byte>> Add(ReadBatch batch, string sql, ListTotal? total) => total is null
        ? batch.Add(sql, async grid => Compact((await grid.ReadUtf8Async(withCount: false)).Bytes))
        : batch.Add(sql, async grid =>
        {
            var (bytes, count) = await grid.ReadUtf8Async(withCount: true);
            total.Read(count, batch);
            return Compact(bytes);
        });

    private static ArraySegment<byte> Compact(byte[]? json) => json is null ? new("null"u8.ToArray()) : new(json, 0, CompactJson.Of(json.AsSpan()));
}

/// <summary>
/// Root fields compiled for one dataset version: their statements, the values those name, and the work they record, to be
/// run again by a later request of the same query (<see cref="GraphReader.Replay"/>) without compiling it again.
/// Immutable once made.
/// </summary>
public sealed class CompiledQuery
{
    internal CompiledQuery(long version, IReadOnlyList<(string Sql, ListTotal? Total)> roots, ReadBatch batch)
    {
        Version = version;
        Roots = roots;
        Parameters = [.. batch.Parameters.All];
        PlanForValues = batch.PlanForValues;
        Work = new BatchWork();
        Work.Add(batch.Work);
        Variables = [.. batch.Variables];
        VariableNames = Variables.Select(v => v.Name).ToHashSet(StringComparer.Ordinal);
    }

    private CompiledQuery(CompiledQuery compiled, object[] parameters)
    {
        Version = compiled.Version;
        Roots = compiled.Roots;
        Parameters = parameters;
        PlanForValues = compiled.PlanForValues;
        Work = compiled.Work;
        Variables = compiled.Variables;
        VariableNames = compiled.VariableNames;
    }

    /// <summary>The GraphQL variables whose values it binds as they are (the ids of lookups), by name.</summary>
    public IReadOnlySet<string> VariableNames { get; }

    /// <summary>
    /// The same statements with other values of its variables (each given as the text a client sent), or null when
    /// it binds none of them or its price depends on its values (searches, statements planned for their values).
    /// </summary>
    public CompiledQuery? Rebind(IReadOnlyDictionary<string, string> values)
    {
        if (Variables.Count == 0 || PlanForValues || Work.Searches.Count > 0 || Work.Planned.Count > 0) return null;
        var parameters = Parameters.ToArray();
        foreach (var variable in Variables)
        {
            if (!values.TryGetValue(variable.Name, out var given) || variable.Read(given) is not { } value) return null;
            parameters[variable.Index] = value;
        }
        return new CompiledQuery(this, parameters);
    }

    /// <summary>
    /// The longest statements kept, in characters (a 20-question page with its authors, ministries and answers: 1,800): the
    /// plans of 1,000 queries hold at most about 32 MB of them, whatever clients send.
    /// </summary>
    public const int MaxKeptLength = 16 * 1024;

    /// <summary>The dataset version it was compiled for (its bounds, its remembered totals).</summary>
    public long Version { get; }

    internal IReadOnlyList<(string Sql, ListTotal? Total)> Roots { get; }
    internal IReadOnlyList<object> Parameters { get; }
    internal bool PlanForValues { get; }
    internal BatchWork Work { get; }
    internal IReadOnlyList<BoundVariable> Variables { get; }
}
