using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Http;
using OpenData.Testing;

namespace OpenData.Api.Tests.GraphQL;

[CollectionDefinition(Name), StartsFirst]
public sealed class GraphQLCollection : ICollectionFixture<GraphQLFixture>
{
    public const string Name = "GraphQL";
}

/// <summary>
/// The generated dataset, the API serving it, and a counter of the SQL commands the API sends to this
/// database (Npgsql's ActivitySource, filtered on the database's name). The dataset poller is slowed down
/// so that the only SQL is the requests' own.
/// </summary>
public sealed class GraphQLFixture : IAsyncLifetime
{
    private readonly SmallDataset dataset = new();
    private ApiFactory? factory;
    private ActivityListener? listener;
    private int activities;
    /// <summary>
    /// This fixture's property on each Npgsql activity: each instance's own, for two fixtures' listeners (the collection's
    /// and a class's, at once) both number every activity of the process.
    /// </summary>
    private readonly string startedKey = $"opendata.started.{Guid.NewGuid():N}";

    /// <summary>The number of each counted command's activity, in the order they started.</summary>
    private System.Collections.Concurrent.ConcurrentQueue<int> Started { get; } = new();

    public TestDatabase Database => dataset.Database;
    public HttpClient Client { get; private set; } = null!;

    /// <summary>The questions of the dataset (what the prices of work over them scale with).</summary>
    public long Questions { get; private set; }

    /// <summary>The API's services (its schema, its serializer).</summary>
    public IServiceProvider Services => factory!.Services;

    /// <summary>What each counted command was, for failure messages.</summary>
    public System.Collections.Concurrent.ConcurrentQueue<string> Statements { get; } = new();

    public async Task InitializeAsync()
    {
        await dataset.InitializeAsync();
        Questions = await dataset.Database.ScalarAsync<long>("SELECT count(*) FROM opendata.questions");
        var name = dataset.Database.Name;
        listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == "Npgsql",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            // Numbered when they start, counted when they end (their tags name the database then): a command of an earlier
            // test still running on the server (a query whose client left) ends during a later one, but started before it.
            ActivityStarted = activity => activity.SetCustomProperty(startedKey, Interlocked.Increment(ref activities)),
            ActivityStopped = activity =>
            {
                if (!IsCommand(activity)) return;
                if (activity.GetCustomProperty(startedKey) is int number) Started.Enqueue(number);
                Statements.Enqueue(activity.DisplayName + " | " + string.Join(",", activity.TagObjects.Where(t => t.Key.Contains("statement") || t.Key.Contains("query")).Select(t => t.Value)));
            },
        };
        // Commands only: opening a physical connection is an activity of its own, not a round trip of a query.
        bool IsCommand(Activity activity) => !activity.DisplayName.StartsWith("CONNECT", StringComparison.Ordinal) && activity.TagObjects.Any(t => t.Value is string value
            && (value == name || System.Text.RegularExpressions.Regex.IsMatch(value, $"Database={name}(;|$)", System.Text.RegularExpressions.RegexOptions.IgnoreCase)));
        ActivitySource.AddActivityListener(listener);
        factory = new ApiFactory(dataset.Database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["Dataset:PollSeconds"] = "3600",
            ["OutputCache:Enabled"] = "false",
        });
        Client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        listener?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        await dataset.DisposeAsync();
    }

    /// <summary>
    /// The SQL commands <paramref name="action"/> caused: those that started while it ran (a request's commands have all
    /// ended before its response is written; nothing else reads this database, the dataset poller being slowed down; a
    /// command of an earlier test still running on the server, whose client left, is not counted).
    /// </summary>
    public async Task<int> CountSqlAsync(Func<Task> action)
    {
        var before = Volatile.Read(ref activities);
        await action();
        return Started.Count(number => number > before);
    }

    public async Task<HttpResponseMessage> PostAsync(string query, object? variables = null, string accept = "application/graphql-response+json", object? extensions = null)
    {
        var body = JsonSerializer.Serialize(new { query, variables, extensions });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        return await Client.SendAsync(request);
    }

    /// <summary>POSTs a query that must succeed; returns its data.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null) => (await BodyAsync(query, variables))["data"]!;

    /// <summary>POSTs a query that must succeed; returns its whole answer (its data and extensions).</summary>
    public async Task<JsonNode> BodyAsync(string query, object? variables = null)
    {
        using var response = await PostAsync(query, variables);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.True(response.IsSuccessStatusCode && body["errors"] is null, $"{(int)response.StatusCode}: {body.ToJsonString()}");
        return body;
    }

    /// <summary>The SQL of the one root field of a query without variables that has run (its cached plan's statement).</summary>
    public string CompiledSql(string query)
    {
        Assert.True(Services.GetRequiredService<QueryPlans>().TryGet(QueryPlans.Key(query, null, null), out var plan), query);
        return Assert.Single(plan.Compiled!.Roots).Sql;
    }
}
