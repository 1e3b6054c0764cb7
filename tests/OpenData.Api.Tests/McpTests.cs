using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using ModelContextProtocol.Client;
using ModelContextProtocol.Protocol;
using OpenData.Generation;

namespace OpenData.Api.Tests;

/// <summary>
/// /mcp spoken to as an AI assistant's client does: the official SDK's client over Streamable HTTP initializes, lists
/// the tools and calls each; answers are checked against REST's and the database's.
/// </summary>
public sealed class McpTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private Task<McpClient> ConnectAsync() => ConnectAsync(fixture.Client);

    private static async Task<McpClient> ConnectAsync(HttpClient http)
    {
        var transport = new HttpClientTransport(new HttpClientTransportOptions
        {
            Endpoint = new Uri(http.BaseAddress!, "/mcp"),
            TransportMode = HttpTransportMode.StreamableHttp,
        }, http, loggerFactory: null, ownsHttpClient: false);
        return await McpClient.CreateAsync(transport);
    }

    [Fact]
    public async Task Words_too_common_to_rank_list_the_newest_matches_and_say_so()
    {
        // A cap low enough that ranking a common word's matches is refused (GraphQL:MaxCost, the most any request may cost).
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:MaxCost"] = "60" });
        using var http = api.CreateClient();
        await using var client = await ConnectAsync(http);
        var (text, error) = await CallAsync(client, "search_questions", new() { ["words"] = "commune", ["limit"] = 3 });
        Assert.False(error, text);
        var rest = await http.GetJsonAsync("/v1/questions?q=commune&limit=3");
        Assert.StartsWith($"{rest.GetProperty("meta").GetProperty("total").GetInt64()} questions match, newest first (too many to rank by relevance", text);
        foreach (var q in rest.GetProperty("data").EnumerateArray()) Assert.Contains($"/v1/questions/{q.GetProperty("id").GetString()}", text);
        Assert.Contains("All of them: /v1/questions?q=commune\n", text + "\n");
    }

    [Fact]
    public async Task Words_ranked_for_more_than_a_share_of_the_callers_window_list_the_newest_matches()
    {
        long price;
        await using (var probe = new ApiFactory(fixture.Database.ReaderConnectionString))
        {
            using var prober = probe.CreateClient();
            using var before = await prober.GetAsync("/v1/dataset");
            using var ranked = await prober.GetAsync("/v1/questions?q=commune&sort=relevance&limit=3");
            price = Remaining(before) - Remaining(ranked);
        }
        // A window whose share for ranking is one permit short of the ranking's price, while the window itself holds it.
        var window = (price - 1) * Protection.MaxCost.RankingShare;
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = window.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var http = api.CreateClient();
        await using var client = await ConnectAsync(http);
        var (text, error) = await CallAsync(client, "search_questions", new() { ["words"] = "commune", ["limit"] = 3 });
        Assert.False(error, text);
        Assert.Contains("questions match, newest first (too many to rank by relevance", text);

        // A share that holds it: ranked.
        await using var wider = new ApiFactory(fixture.Database.ReaderConnectionString,
            new Dictionary<string, string> { ["RateLimiting:Anonymous:PermitLimit"] = (price * Protection.MaxCost.RankingShare).ToString(System.Globalization.CultureInfo.InvariantCulture) });
        using var widerHttp = wider.CreateClient();
        await using var widerClient = await ConnectAsync(widerHttp);
        var (best, _) = await CallAsync(widerClient, "search_questions", new() { ["words"] = "commune", ["limit"] = 3 });
        Assert.Contains("questions match, best matches first.", best);
    }

    private static long Remaining(HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<(string Text, bool Error)> CallAsync(McpClient client, string tool, Dictionary<string, object?>? arguments = null)
    {
        var result = await client.CallToolAsync(tool, arguments ?? []);
        return (string.Concat(result.Content.OfType<TextContentBlock>().Select(t => t.Text)), result.IsError == true);
    }

    [Fact]
    public async Task The_tools_are_listed_read_only_with_a_description_and_a_schema_of_their_arguments()
    {
        await using var client = await ConnectAsync();
        Assert.Equal("opendata-senat-questions", client.ServerInfo?.Name);
        var tools = await client.ListToolsAsync();
        Assert.Equal(["changes_since", "get_question", "get_senator", "list_ministries", "ministry_answer_delays", "search_questions"],
            tools.Select(t => t.Name).Order(StringComparer.Ordinal));
        Assert.All(tools, t =>
        {
            Assert.True(t.Description.Length > 60, t.Name);
            Assert.Equal("object", t.JsonSchema.GetProperty("type").GetString());
            Assert.True(t.ProtocolTool.Annotations?.ReadOnlyHint, t.Name);
            Assert.All(t.JsonSchema.GetProperty("properties").EnumerateObject(), p => Assert.False(string.IsNullOrEmpty(p.Value.GetProperty("description").GetString()), $"{t.Name}.{p.Name}"));
        });
        var search = tools.Single(t => t.Name == "search_questions").JsonSchema;
        Assert.Equal("integer", search.GetProperty("properties").GetProperty("limit").GetProperty("type").GetString());
        Assert.Equal(JsonValueKind.Undefined, search.TryGetProperty("required", out var required) ? required.ValueKind switch { JsonValueKind.Array when required.GetArrayLength() == 0 => JsonValueKind.Undefined, var k => k } : JsonValueKind.Undefined);
        Assert.Equal(["id"], tools.Single(t => t.Name == "get_question").JsonSchema.GetProperty("required").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Each_tool_answers_what_the_api_serves()
    {
        await using var client = await ConnectAsync();

        // search_questions: REST's total and its best matches, each with its API URL.
        var rest = await fixture.Client.GetJsonAsync("/v1/questions?q=commune&sort=relevance&limit=5");
        var (search, searchError) = await CallAsync(client, "search_questions", new() { ["words"] = "commune", ["limit"] = 5 });
        Assert.False(searchError, search);
        Assert.StartsWith($"{rest.GetProperty("meta").GetProperty("total").GetInt64()} questions match, best matches first.", search);
        foreach (var q in rest.GetProperty("data").EnumerateArray()) Assert.Contains($"/v1/questions/{q.GetProperty("id").GetString()}", search);
        Assert.Contains("/v1/questions?q=commune&sort=relevance", search);
        var (status, _) = await CallAsync(client, "search_questions", new() { ["status"] = "answered", ["nature"] = "qe", ["publishedFrom"] = "2024-01-01", ["limit"] = 1 });
        var answered = await fixture.Client.GetJsonAsync("/v1/questions?status=answered&nature=QE&publishedFrom=2024-01-01&limit=1");
        Assert.StartsWith($"{answered.GetProperty("meta").GetProperty("total").GetInt64()} questions match, newest first.", status);

        // get_question: its text, its events and its twin (the generator's copy of the real question).
        var copy = File.ReadAllLines(Path.Combine(fixture.Files.Directory, DatasetGenerator.PlantedTwinsFileName))
            .Single(l => l.EndsWith(",SEQ240611950,identical", StringComparison.Ordinal)).Split(',')[0];
        var (question, questionError) = await CallAsync(client, "get_question", new() { ["id"] = "seq240611950" });
        Assert.False(questionError, question);
        var detail = await fixture.Client.GetJsonAsync("/v1/questions/SEQ240611950");
        Assert.Contains(detail.GetProperty("text").GetString()!, question);
        Assert.Contains("Events: published 2024-06-06", question);
        Assert.Contains($"similarity 1.00: {copy}", question);
        Assert.Contains("twins: /v1/questions/SEQ240611950/similar", question);

        // get_senator: by id, and by name.
        var (senator, _) = await CallAsync(client, "get_senator", new() { ["idOrName"] = "08037l" });
        var maurey = await fixture.Client.GetJsonAsync("/v1/senators/08037L");
        Assert.StartsWith($"{maurey.GetProperty("name").GetString()} (08037L)", senator);
        Assert.Contains($"{maurey.GetProperty("questionCount").GetInt32()} questions", senator);
        var (byName, _) = await CallAsync(client, "get_senator", new() { ["idOrName"] = "Maurey" });
        Assert.Contains("(08037L)", byName);

        // list_ministries and ministry_answer_delays: REST's rows, in its order.
        var current = await fixture.Client.GetJsonAsync("/v1/ministries?current=true&limit=3");
        var (ministries, _) = await CallAsync(client, "list_ministries", new() { ["current"] = true, ["limit"] = 3 });
        Assert.StartsWith($"{current.GetProperty("meta").GetProperty("total").GetInt64()} ministries match", ministries);
        foreach (var m in current.GetProperty("data").EnumerateArray()) Assert.Contains($"- {m.GetProperty("id").GetInt64()}: {m.GetProperty("name").GetString()}", ministries);
        var statistics = (await fixture.Client.GetJsonAsync("/v1/stats/ministries?current=true")).GetProperty("data").EnumerateArray().ToList();
        var (delays, _) = await CallAsync(client, "ministry_answer_delays", new() { ["limit"] = 50 });
        Assert.StartsWith($"{statistics.Count} ministries;", delays);
        var first = statistics[0];
        var median = first.GetProperty("timeToAnswer").GetProperty("median");
        Assert.Contains($"- {first.GetProperty("ministry").GetProperty("name").GetString()} ({first.GetProperty("ministry").GetProperty("id").GetInt64()}): {first.GetProperty("questions").GetInt64()} questions, {first.GetProperty("answered").GetInt64()} answered", delays);
        Assert.Contains($"median {(median.ValueKind == JsonValueKind.Null ? "not reached" : $"{median.GetInt32()} days")}", delays);

        // changes_since: the feed's first page, then nothing new after its cursor's end.
        var feed = await fixture.Client.GetJsonAsync("/v1/changes?limit=3&types=senator");
        var (changes, _) = await CallAsync(client, "changes_since", new() { ["types"] = "senator", ["limit"] = 3 });
        foreach (var c in feed.GetProperty("data").EnumerateArray()) Assert.Contains($"senator {c.GetProperty("id").GetString()}", changes);
        Assert.Contains($"Next cursor: {feed.GetProperty("meta").GetProperty("nextCursor").GetString()}", changes);
    }

    [Fact]
    public async Task Mistakes_are_tool_errors_that_say_what_to_do()
    {
        await using var client = await ConnectAsync();
        foreach (var (tool, arguments, says) in new (string, Dictionary<string, object?>, string)[]
        {
            ("get_question", new() { ["id"] = "SEQ000000000" }, "There is no question 'SEQ000000000'"),
            ("get_senator", new() { ["idOrName"] = "zzzzzz" }, "No senator has the id or name 'zzzzzz'"),
            ("search_questions", new() { ["publishedFrom"] = "2024-13-01" }, "publishedFrom: a date as YYYY-MM-DD"),
            ("search_questions", new() { ["status"] = "pending" }, "status: one of awaiting_answer"),
            ("search_questions", new() { ["limit"] = 0 }, "limit: must be between 1 and 50"),
            ("search_questions", new() { ["words"] = new string('a', 501) }, "words: at most 500 characters"),
            ("search_questions", new() { ["words"] = "eau\u0001" }, "words: at most 500 characters, without control characters"),
            ("changes_since", new() { ["cursor"] = "not-a-cursor" }, "cursor: not a cursor of the change feed"),
            ("changes_since", new() { ["types"] = "vote" }, "types: 'vote' is not one of"),
            ("ministry_answer_delays", new() { ["from"] = "2024-01-01", ["to"] = "2023-01-01" }, "from: is after to"),
        })
        {
            var (text, error) = await CallAsync(client, tool, arguments);
            Assert.True(error, $"{tool}: {text}");
            Assert.Contains(says, text);
        }
    }

    [Fact]
    public async Task A_tool_call_pays_its_request_and_the_work_it_reads_as_rest_does()
    {
        // A tool's answer streams (its headers leave before the tool runs): what it paid shows on the next request's.
        async Task<int> RemainingAsync() =>
            int.Parse((await fixture.Client.GetAsync("/v1/themes")).Headers.GetValues("RateLimit-Remaining").Single());
        var before = await RemainingAsync();
        using (var request = new HttpRequestMessage(HttpMethod.Post, "/mcp")
        {
            Content = new StringContent(JsonSerializer.Serialize(new
            {
                jsonrpc = "2.0", id = 1, method = "tools/call", @params = new { name = "list_ministries", arguments = new { limit = 50, name = "i" } },
            }), Encoding.UTF8, "application/json"),
        })
        {
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/event-stream"));
            using var response = await fixture.Client.SendAsync(request);
            Assert.Contains("ministries match", await response.Content.ReadAsStringAsync());
        }
        var tool = before - await RemainingAsync() - 1;
        before = await RemainingAsync();
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Client.GetAsync("/v1/ministries?limit=50&q=e")).StatusCode);
        var rest = before - await RemainingAsync() - 1;
        // Its permit, 5 of page rows (10 a permit) and the count: as REST's same list.
        Assert.True(tool > 1 + 5, $"the call cost {tool} permits");
        Assert.Equal(rest, tool);
    }
}
