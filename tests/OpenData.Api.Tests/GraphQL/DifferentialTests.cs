using System.Text.Json;
using System.Text.Json.Nodes;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL;
using OpenData.Api.Tests.GraphQL.Reference;
using Xunit.Abstractions;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// A thousand random valid queries, answered by the compiled executor (the API) and by the former resolver-based
/// executor (<see cref="ReferenceExecutor"/>): the data must be the same, to the value. A fresh seed each run, printed;
/// DIFF_SEED=n reproduces a run (DIFF_QUERIES=n changes its length).
/// </summary>
[Collection(GraphQLCollection.Name)]
public sealed class DifferentialTests(GraphQLFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task A_thousand_random_queries_answer_as_the_resolver_based_executor_does()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("DIFF_SEED"), out var given) ? given : Random.Shared.Next();
        var count = int.TryParse(Environment.GetEnvironmentVariable("DIFF_QUERIES"), out var queries) ? queries : 1_000;
        output.WriteLine($"differential seed {seed} ({count} queries): DIFF_SEED={seed} reproduces this run");
        await using var reference = new ReferenceExecutor(fixture.Database.ReaderConnectionString);
        var schema = fixture.Services.GetRequiredService<OpenDataSchema>();
        schema.Initialize();
        var generator = new RandomQueries(schema, await SamplesAsync(), new Random(seed));
        var serializer = fixture.Services.GetRequiredService<IGraphQLTextSerializer>();

        var compared = 0;
        var nonEmpty = 0;
        var refused = 0;
        var attempts = 0;
        while (compared < count && attempts < count * 3)
        {
            // A few queries in flight at once (each waits on the database twice): drawn in order, judged in order, so a
            // seed gives the same run; only the last round may draw queries it does not judge.
            var round = Enumerable.Range(0, Math.Min(InFlight, count * 3 - attempts)).Select(_ => generator.Next()).ToList();
            attempts += round.Count;
            var answers = await Task.WhenAll(round.Select(query => BothAsync(query, reference, serializer)));
            foreach (var (query, ours, theirs) in answers)
            {
                if (compared >= count) break;
                if (ours["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() is "MAX_COST_EXCEEDED")
                {
                    // Refused by its price: the price it names is over the limit, and nothing ran (no data).
                    refused++;
                    var cost = ours["extensions"]!["cost"]!;
                    Assert.True(cost["requested"]!.GetValue<long>() > cost["limit"]!.GetValue<long>(), $"seed {seed}: refused at {cost}:\n{query.Document}");
                    Assert.Null(ours["data"]);
                    continue;
                }
                if (theirs is null)
                {
                    refused++; // refused by its shape: nothing ran
                    continue;
                }
                compared++;
                if (ours["data"]?.ToJsonString().Length > 60) nonEmpty++;
                // The price covers what the query returned: every value of it was priced, as many times as rows could reach it.
                var price = ours["extensions"]?["cost"]?["requested"]?.GetValue<long>() ?? 1; // refused before it ran: its permit alone
                var returned = Values(ours["data"]);
                Assert.True(price >= 1 + (long)Math.Ceiling((double)returned / OpenData.Api.Protection.Prices.ValuesPerPermit),
                    $"seed {seed}, query {compared}: priced {price} for {returned} values returned:\n{query.Document}");

                var same = JsonNode.DeepEquals(ours["data"], theirs["data"]) && Codes(ours).SequenceEqual(Codes(theirs));
                Assert.True(same, $"""
                    seed {seed} (DIFF_SEED={seed} reproduces it), query {compared}:
                    {query.Document}
                    variables: {JsonSerializer.Serialize(query.Variables)}
                    compiled:  {Shorten(ours)}
                    reference: {Shorten(theirs)}
                    """);
            }
        }
        output.WriteLine($"{compared} queries compared, {nonEmpty} with data, {refused} refused by their price");
        Assert.True(refused < compared / 5, $"{refused} queries refused by their price for {compared} run: the generator asks too much");
        Assert.True(compared >= count, $"only {compared} of the generated queries were within the limits");
        Assert.True(nonEmpty > count / 2, $"only {nonEmpty} queries returned data: the generator does not reach the dataset");
    }

    private const int InFlight = 4;

    /// <summary>The API's answer, and the reference's unless the API refused the query before running it.</summary>
    private async Task<(GeneratedQuery Query, JsonNode Ours, JsonNode? Theirs)> BothAsync(GeneratedQuery query, ReferenceExecutor reference, IGraphQLTextSerializer serializer)
    {
        using var response = await fixture.PostAsync(query.Document, query.Variables);
        var ours = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (ours["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() is "MAX_COST_EXCEEDED" or "MAX_DEPTH_EXCEEDED" or "MAX_ALIASES_EXCEEDED" or "SAME_KEY_REPEATED")
            return (query, ours, null);
        var variables = serializer.Deserialize<Inputs>(JsonSerializer.Serialize(query.Variables));
        return (query, ours, JsonNode.Parse(await reference.ExecuteAsync(query.Document, variables))!);
    }

    private static long Values(JsonNode? node) => node switch
    {
        JsonObject obj => obj.Sum(p => p.Value is JsonObject or JsonArray ? Values(p.Value) : 1),
        JsonArray array => array.Sum(Values),
        _ => 0,
    };

    private static IEnumerable<string> Codes(JsonNode body) =>
        body["errors"]?.AsArray().Select(e => e!["extensions"]?["code"]?.GetValue<string>() ?? "").Order().ToList() ?? [];

    private static string Shorten(JsonNode body)
    {
        var text = body.ToJsonString();
        return text.Length > 3000 ? text[..3000] + "…" : text;
    }

    private async Task<DatasetSamples> SamplesAsync()
    {
        // The first 30 cursors of a list and its last 5 (a page after those is a last page, short or empty).
        async Task<List<string>> Cursors(string list, string arguments)
        {
            var all = new List<string>();
            string? after = null;
            while (true)
            {
                var page = (await fixture.DataAsync($"{{ {list}(first: 100{arguments}{(after is null ? "" : $", after: \"{after}\"")}) {{ edges {{ cursor }} pageInfo {{ hasNextPage }} }} }}")).AsObject().Single().Value!;
                all.AddRange(page["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>()));
                if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>()) break;
                after = all[^1];
            }
            return [.. all.Take(30), .. all.Skip(Math.Max(30, all.Count - 5))];
        }
        var cursors = new Dictionary<string, IReadOnlyList<string>>();
        foreach (var order in new[] { "PUBLISHED_AT_DESC", "PUBLISHED_AT", "ANSWERED_AT_DESC", "ANSWER_DELAY_DAYS", "ANSWER_DELAY_DAYS_DESC", "UPDATED_AT_DESC", "UPDATED_AT" })
            cursors[$"questions/{order}"] = await Cursors("questions", $", orderBy: {order}");
        foreach (var order in new[] { "PUBLISHED_AT_DESC", "PUBLISHED_AT", "DELAY_DAYS", "DELAY_DAYS_DESC", "UPDATED_AT_DESC", "UPDATED_AT" })
            cursors[$"answers/{order}"] = await Cursors("answers", $", orderBy: {order}");
        cursors["senators"] = await Cursors("senators", "");
        cursors["ministries"] = await Cursors("ministries", "");
        cursors["twins"] = await Cursors("twins", "");
        var feed = await fixture.DataAsync("{ a: changes(first: 1) { nextCursor } b: changes(first: 90, types: [QUESTION]) { nextCursor } }");
        cursors["changes"] = [feed["a"]!["nextCursor"]!.GetValue<string>(), feed["b"]!["nextCursor"]!.GetValue<string>()];
        return new DatasetSamples(
            Questions: await fixture.Database.QueryAsync<string>("""
                (SELECT id FROM opendata.questions WHERE reminds_question_id IS NOT NULL ORDER BY id LIMIT 5)
                UNION ALL (SELECT question_id FROM opendata.answers WHERE cardinality(shared_with) > 0 ORDER BY question_id LIMIT 5)
                UNION ALL (SELECT id FROM opendata.questions WHERE transfer_ministry_id IS NOT NULL ORDER BY id LIMIT 5)
                UNION ALL (SELECT id FROM opendata.questions ORDER BY md5(id) LIMIT 10)
                """),
            Senators: await fixture.Database.QueryAsync<string>("SELECT id FROM opendata.senators ORDER BY question_count DESC, id LIMIT 15"),
            Ministries: await fixture.Database.QueryAsync<long>("(SELECT id FROM opendata.ministries WHERE cardinality(predecessor_ids) > 0 ORDER BY id LIMIT 5) UNION ALL (SELECT id FROM opendata.ministries ORDER BY question_count DESC LIMIT 10)"),
            Themes: await fixture.Database.QueryAsync<int>("SELECT id FROM opendata.themes ORDER BY question_count DESC LIMIT 10"),
            Legislatures: await fixture.Database.QueryAsync<int>("SELECT number FROM opendata.legislatures"),
            Groups: await fixture.Database.QueryAsync<string>("SELECT code FROM opendata.political_groups"),
            Constituencies: await fixture.Database.QueryAsync<string>("SELECT DISTINCT constituency FROM opendata.senators WHERE constituency IS NOT NULL ORDER BY 1 LIMIT 10"),
            Words: ["commune", "eau", "école", "santé", "agriculture", "hôpital", "\"zone de montagne\"", "transport -rural", "énergie or logement"],
            Cursors: cursors);
    }
}
