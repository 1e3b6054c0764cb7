// Who should build a GraphQL response's JSON: PostgreSQL, or the API from plain rows? Two ways of producing the same
// `data` bytes for two queries (Shapes.cs), measured against the same database (bench/README.md, "PostgreSQL-built
// JSON or rows into Utf8JsonWriter"):
//   A  the production path: the FieldRead tree → GraphReader.Root on a DatasetSession batch (json_build_object /
//      json_agg in one statement), the compacted text encoded to UTF-8;
//   B  one statement of flat rows with only the columns needed (joins, LATERAL for the nested list), read with
//      NpgsqlDataReader and written with a Utf8JsonWriter into a reused buffer; the same batch shape (the
//      dataset-version gate first, then the statement), so both pay one round trip.
// It first checks that A and B give byte-identical JSON (exit 1 otherwise), then, for each query, runs A B A B …:
// W workers over the API's pool settings (16 connections, Max Auto Prepare 200), a warm-up then a measured window,
// reporting ops/s, p50/p99, client CPU per op and PostgreSQL CPU per op (its backends' utime+stime from /proc, so run
// it on the database's machine, as a user who may read /proc/<pid>/stat of the postgres processes).
//   dotnet run -c Release --project bench/JsonStrategy -- --connection "Host=127.0.0.1;Port=55991;Username=opendata_reader;Password=opendata_reader;Database=opendata" \
//     [--seconds 10] [--warmup 5] [--workers 32] [--rounds 2] [--auto-plans]
// Statements run on generic plans (plan_cache_mode=force_generic_plan, as the API's connections do); --auto-plans leaves
// PostgreSQL's automatic choice, which planned these statements again at each execution (see the README).
using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using JsonStrategy;
using Npgsql;
using OpenData.Data;
using OpenData.Data.Graph;
using OpenData.Data.Paging;
using OpenData.Data.Reading;

var options = Options.Parse(args);
var settings = new NpgsqlConnectionStringBuilder(options.Connection)
{
    // DatabaseSetup.Settings: what the API sets when the connection string does not.
    Timeout = 5,
    CommandTimeout = 15,
    MaxPoolSize = Options.PoolSize,
    MaxAutoPrepare = 200,
    NoResetOnClose = true,
    // Keeps the pool's 16 backends for the whole run: their CPU is what is read.
    MinPoolSize = Options.PoolSize,
};
settings.Options = $"{settings.Options} -c statement_timeout=10000{(options.GenericPlans ? " -c plan_cache_mode=force_generic_plan" : " -c plan_cache_mode=auto")}".Trim();
await using var dataSource = Database.CreateDataSource(settings.ConnectionString, "json-strategy-bench");
var bench = new Bench(dataSource, new TotalsCache());
Shape[] shapes = [Shapes.QuestionPage, Shapes.SenatorQuestions];

// 1. Same bytes, or nothing is measured.
foreach (var shape in shapes)
{
    var worker = new Worker();
    await Bench.PostgresJsonAsync(bench, shape, worker);
    var a = worker.Buffer.WrittenSpan.ToArray();
    await Bench.RowsAsync(bench, shape, worker);
    var b = worker.Buffer.WrittenSpan.ToArray();
    if (!a.AsSpan().SequenceEqual(b))
    {
        var at = a.AsSpan().CommonPrefixLength(b);
        Console.Error.WriteLine($"{shape.Name}: A and B differ at byte {at} (A {a.Length} bytes, B {b.Length} bytes)");
        Console.Error.WriteLine($"A: …{Excerpt(a, at)}…");
        Console.Error.WriteLine($"B: …{Excerpt(b, at)}…");
        return 1;
    }
    Console.WriteLine($"{shape.Name}: A and B identical, {a.Length:N0} bytes; {Describe(a)}");
    Console.WriteLine($"  compiling the FieldRead tree to SQL alone (part of A's client CPU): {CompileMicroseconds(bench, shape):0.0} µs");
}

// 2. The pool's backends, whose CPU PostgreSQL spends for this program.
var backends = await Backends(dataSource);
var ticksPerSecond = sysconf(2); // _SC_CLK_TCK
Console.WriteLine($"PostgreSQL backends: {string.Join(' ', backends)} (CPU read from /proc, {ticksPerSecond} ticks/s)");
Console.WriteLine($"{options.Workers} workers, {Options.PoolSize} connections, {options.Warmup} s warm-up + {options.Seconds} s measured per run, " +
                  $"{Environment.ProcessorCount} cores, plan_cache_mode {(options.GenericPlans ? "force_generic_plan (the API's)" : "auto")}");
Console.WriteLine();
Console.WriteLine("| query | run | strategy | ops/s | p50 ms | p99 ms | client CPU µs/op | PostgreSQL CPU µs/op | load avg (1 min) start → end |");
Console.WriteLine("|---|---|---|---:|---:|---:|---:|---:|---|");

var results = new List<(Shape Shape, int Round, Result A, Result B)>();
foreach (var shape in shapes)
{
    for (var round = 1; round <= options.Rounds; round++)
    {
        var a = await Measure(shape, "A", Bench.PostgresJsonAsync);
        Print(shape, round, "A PostgreSQL JSON", a);
        var b = await Measure(shape, "B", Bench.RowsAsync);
        Print(shape, round, "B rows → Utf8JsonWriter", b);
        results.Add((shape, round, a, b));
    }
}

Console.WriteLine();
Console.WriteLine("| query | run | B/A ops/s | B/A p99 | B/A client CPU per op | B/A PostgreSQL CPU per op | B/A total CPU per op |");
Console.WriteLine("|---|---|---:|---:|---:|---:|---:|");
foreach (var (shape, round, a, b) in results)
    Console.WriteLine($"| {shape.Name} | {round} | {b.OpsPerSecond / a.OpsPerSecond:0.00} | {b.P99 / a.P99:0.00} | {b.ClientCpu / a.ClientCpu:0.00} | " +
                      $"{b.PostgresCpu / a.PostgresCpu:0.00} | {(b.ClientCpu + b.PostgresCpu) / (a.ClientCpu + a.PostgresCpu):0.00} |");
Console.WriteLine();
Console.WriteLine($"Executions of the measured statements prepared on the pool's connections: {await PlanCounts(dataSource)}");
return 0;

async Task<Result> Measure(Shape shape, string strategy, Func<Bench, Shape, Worker, Task> op)
{
    var workers = Enumerable.Range(0, options.Workers).Select(_ => new Worker()).ToArray();
    await RunAsync(workers, shape, op, options.Warmup, record: false);
    GC.Collect();
    var load = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    using var process = Process.GetCurrentProcess();
    var pg = PostgresTicks(backends);
    var cpu = process.TotalProcessorTime;
    var start = Stopwatch.GetTimestamp();
    await RunAsync(workers, shape, op, options.Seconds, record: true);
    var elapsed = Stopwatch.GetElapsedTime(start).TotalSeconds;
    process.Refresh();
    var clientCpu = (process.TotalProcessorTime - cpu).TotalMicroseconds;
    var postgresCpu = (PostgresTicks(backends) - pg) * 1e6 / ticksPerSecond;
    var loadAfter = File.ReadAllText("/proc/loadavg").Split(' ')[0];
    if (!(await Backends(dataSource)).SetEquals(backends))
        Console.Error.WriteLine($"warning: the pool's backends changed during {shape.Name} {strategy}: its PostgreSQL CPU is incomplete");
    var latencies = workers.SelectMany(w => w.Latencies).Order().ToArray();
    double Percentile(double p) => Stopwatch.GetElapsedTime(0, latencies[Math.Min(latencies.Length - 1, (int)(p * latencies.Length))]).TotalMilliseconds;
    return new Result(latencies.Length / elapsed, Percentile(0.50), Percentile(0.99), clientCpu / latencies.Length, postgresCpu / latencies.Length, $"{load} → {loadAfter}");
}

async Task RunAsync(Worker[] workers, Shape shape, Func<Bench, Shape, Worker, Task> op, double seconds, bool record)
{
    var end = Stopwatch.GetTimestamp() + (long)(seconds * Stopwatch.Frequency);
    await Task.WhenAll(workers.Select(w => Task.Run(async () =>
    {
        w.Latencies.Clear();
        while (Stopwatch.GetTimestamp() < end)
        {
            var start = Stopwatch.GetTimestamp();
            await op(bench, shape, w);
            if (record) w.Latencies.Add(Stopwatch.GetTimestamp() - start);
        }
    })));
}

void Print(Shape shape, int round, string strategy, Result r) =>
    Console.WriteLine($"| {shape.Name} | {round} | {strategy} | {r.OpsPerSecond:0} | {r.P50:0.00} | {r.P99:0.00} | {r.ClientCpu:0} | {r.PostgresCpu:0} | {r.Load} |");

// Each connection of the pool at once, and its backend's process id.
static async Task<HashSet<int>> Backends(NpgsqlDataSource dataSource)
{
    var connections = await Task.WhenAll(Enumerable.Range(0, Options.PoolSize).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
    try
    {
        return connections.Select(c => c.ProcessID).ToHashSet();
    }
    finally
    {
        foreach (var c in connections) await c.DisposeAsync();
    }
}

// Whether PostgreSQL ran the prepared statements (all but the version gate) on generic plans or planned each execution.
static async Task<string> PlanCounts(NpgsqlDataSource dataSource)
{
    var connections = await Task.WhenAll(Enumerable.Range(0, Options.PoolSize).Select(_ => dataSource.OpenConnectionAsync().AsTask()));
    long generic = 0, custom = 0;
    foreach (var c in connections)
    {
        await using var command = new NpgsqlCommand(
            "SELECT coalesce(sum(generic_plans), 0)::bigint, coalesce(sum(custom_plans), 0)::bigint FROM pg_prepared_statements WHERE statement NOT LIKE 'SELECT (SELECT version%'", c);
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        generic += reader.GetInt64(0);
        custom += reader.GetInt64(1);
    }
    foreach (var c in connections) await c.DisposeAsync();
    return $"{generic:N0} on a generic plan, {custom:N0} planned for their values (custom plans)";
}

// utime + stime of the backends, in clock ticks (/proc/<pid>/stat fields 14 and 15, after the command's parentheses).
static long PostgresTicks(IEnumerable<int> pids) => pids.Sum(pid =>
{
    var stat = File.ReadAllText($"/proc/{pid}/stat");
    var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
    return long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture);
});

static double CompileMicroseconds(Bench bench, Shape shape)
{
    const int n = 20_000;
    for (var i = 0; i < n / 4; i++) Compile(); // warm (tiered compilation)
    var start = Stopwatch.GetTimestamp();
    for (var i = 0; i < n; i++) Compile();
    return Stopwatch.GetElapsedTime(start).TotalMicroseconds / n;

    void Compile() => bench.Reader.Root(new DatasetSession(bench.DataSource, ReadLimits.Default, bench.Totals).Batch(), shape.Field);
}

static string Excerpt(byte[] json, int at) => Encoding.UTF8.GetString(json.AsSpan(Math.Max(0, at - 60), Math.Min(json.Length, at + 60) - Math.Max(0, at - 60)));

// What the JSON holds, to see that the shape is exercised (answers, nulls, senators without questions).
static string Describe(byte[] json)
{
    using var document = JsonDocument.Parse(json);
    var root = document.RootElement.EnumerateObject().First().Value.GetProperty("nodes");
    var questions = root.EnumerateArray()
        .SelectMany(n => n.TryGetProperty("questions", out var q) ? q.GetProperty("nodes").EnumerateArray().ToArray() : [n]).ToList();
    return $"{root.GetArrayLength()} root nodes, {questions.Count} questions, {questions.Count(q => q.GetProperty("answer").ValueKind != JsonValueKind.Null)} answered";
}

[DllImport("libc")]
static extern long sysconf(int name);

internal sealed record Result(double OpsPerSecond, double P50, double P99, double ClientCpu, double PostgresCpu, string Load);

/// <summary>What a worker keeps across its operations: its output buffer, its writer and its latencies.</summary>
internal sealed class Worker
{
    public ArrayBufferWriter<byte> Buffer { get; } = new(64 * 1024);

    public Utf8JsonWriter Json { get; }

    public List<long> Latencies { get; } = new(200_000);

    // PostgreSQL's JSON escapes only '"', '\' and control characters: the relaxed encoder writes other text as it is.
    public Worker() => Json = new Utf8JsonWriter(Buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}

/// <summary>The two strategies, on one data source and the API's singletons.</summary>
internal sealed class Bench(NpgsqlDataSource dataSource, TotalsCache totals)
{
    // DatasetSession's first statement: the same batch shape for B.
    private const string VersionSql = "SELECT (SELECT version FROM opendata.dataset ORDER BY version DESC LIMIT 1);";

    private readonly Dictionary<Shape, string> batches = [];

    public NpgsqlDataSource DataSource { get; } = dataSource;

    public TotalsCache Totals { get; } = totals;

    public GraphReader Reader { get; } = new(totals);

    /// <summary>A: the API's path, from the planned field to the response's data bytes.</summary>
    public static async Task PostgresJsonAsync(Bench bench, Shape shape, Worker worker)
    {
        await using var session = new DatasetSession(bench.DataSource, ReadLimits.Default, bench.Totals);
        var batch = session.Batch();
        var value = bench.Reader.Root(batch, shape.Field);
        await batch.RunAsync(CancellationToken.None);
        var json = value.Value ?? "null";
        // CompiledExecutor: {"key":value} around each root field's text.
        var buffer = worker.Buffer;
        buffer.ResetWrittenCount();
        buffer.Write("{\""u8);
        buffer.Advance(Encoding.UTF8.GetBytes(shape.Field.Key, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(shape.Field.Key.Length))));
        buffer.Write("\":"u8);
        buffer.Advance(Encoding.UTF8.GetBytes(json, buffer.GetSpan(Encoding.UTF8.GetMaxByteCount(json.Length))));
        buffer.Write("}"u8);
    }

    /// <summary>B: flat rows, in the same batch shape (version gate, then the statement), into a Utf8JsonWriter.</summary>
    public static async Task RowsAsync(Bench bench, Shape shape, Worker worker)
    {
        await using var connection = await bench.DataSource.OpenConnectionAsync();
        await using var command = new NpgsqlCommand(bench.Batch(shape), connection);
        for (var i = 0; i < shape.Limits.Length; i++) command.Parameters.Add(new NpgsqlParameter<int>($"p{i}", shape.Limits[i]));
        await using var rows = await command.ExecuteReaderAsync();
        if (!await rows.ReadAsync()) throw new InvalidOperationException("no dataset version");
        _ = rows.IsDBNull(0) ? (long?)null : rows.GetInt64(0); // what a session compares with its first command's
        await rows.NextResultAsync();
        worker.Buffer.ResetWrittenCount();
        worker.Json.Reset(worker.Buffer);
        await shape.WriteAsync(rows, worker.Json);
        await worker.Json.FlushAsync();
    }

    private string Batch(Shape shape)
    {
        lock (batches)
        {
            if (!batches.TryGetValue(shape, out var sql))
                batches[shape] = sql = $"{VersionSql}\n{shape.RowsSql.TrimEnd().TrimEnd(';')};\n";
            return sql;
        }
    }
}

internal sealed record Options(string Connection, double Seconds, double Warmup, int Workers, int Rounds, bool GenericPlans)
{
    public const int PoolSize = 16;

    public static Options Parse(string[] args)
    {
        string? connection = null;
        double seconds = 10, warmup = 5;
        int workers = 32, rounds = 2;
        var genericPlans = true;
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            switch (args[i])
            {
                case "--connection": connection = Next(); break;
                case "--seconds": seconds = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--warmup": warmup = double.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--workers": workers = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--rounds": rounds = int.Parse(Next(), CultureInfo.InvariantCulture); break;
                case "--auto-plans": genericPlans = false; break;
                default: throw new ArgumentException($"unknown argument {args[i]}");
            }
        }
        return new Options(connection ?? throw new ArgumentException("--connection \"Host=…;Username=opendata_reader;…\" is required"), seconds, warmup, workers, rounds, genericPlans);
    }
}
