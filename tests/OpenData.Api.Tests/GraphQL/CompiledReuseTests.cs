using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL.Http;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// A query sent again on the same dataset runs the statements compiled for it the first time, unless they counted a total
/// (remembered once read, and bound by the next compilation): the same answer and the same price, not compiled again.
/// </summary>
[Collection(GraphQLCollection.Name)]
public sealed class CompiledReuseTests(GraphQLFixture fixture)
{
    [Fact]
    public async Task A_query_sent_again_runs_its_compiled_statements_with_the_same_answer_and_price()
    {
        // A filter of its own (no other test counts this total), a total, nested rows and an alias bound as a value.
        const string query = """{ questions(first: 3, filter: {publishedFrom: "2011-03-17", nature: [QE]}) { totalCount nodes { id t: title author { name } } } }""";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var key = QueryPlans.Key(query, null, null);

        var counted = await fixture.BodyAsync(query);
        Assert.True(plans.TryGet(key, out var plan), "the query's plan is kept");
        Assert.Null(plan.Compiled); // its statement counted the total: not kept

        var bound = await fixture.BodyAsync(query);
        var compiled = plan.Compiled;
        Assert.NotNull(compiled); // the total bound as a value: kept for the dataset's version
        var run = await fixture.CountSqlAsync(async () => Assert.Equal(bound.ToJsonString(), (await fixture.BodyAsync(query)).ToJsonString()));
        Assert.Same(compiled, plan.Compiled); // run as compiled, not compiled again
        Assert.Equal(1, run);

        Assert.Equal(counted["data"]!.ToJsonString(), bound["data"]!.ToJsonString());
        Assert.True(counted["extensions"]!["cost"]!["requested"]!.GetValue<long>() > bound["extensions"]!["cost"]!["requested"]!.GetValue<long>(),
            "counting the total is priced, a remembered one is not");
    }

    [Fact]
    public void The_key_variables_are_each_lookups_id_and_each_keyset_lists_after_as_their_arguments_are_declared()
    {
        var document = GraphQLParser.Parser.Parse("""
            query($q: ID!, $s: ID!, $m: ID!, $n: ID!, $a: String, $b: String, $c: String, $d: String, $t: String, $f: Int) {
              question(id: $q) { id } senator(id: $s) { id } ministry(id: $m) { id } node(id: $n) { id }
              questions(after: $a) { totalCount } answers(after: $b) { totalCount } senators(after: $c) { totalCount }
              ministries(after: $d) { totalCount } twins(after: $t, first: $f) { totalCount }
            }
            """);
        var keys = OpenData.Api.GraphQL.Execution.KeyVariables.Of(document, document.Definitions.OfType<GraphQLParser.AST.GraphQLOperationDefinition>().Single());
        Assert.Equal(["a", "b", "c", "d", "m", "n", "q", "s"], keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_lookup_by_a_variable_is_planned_once_for_every_id_it_is_sent_with()
    {
        const string query = "query One($id: ID!, $ministry: ID!) { question(id: $id) { id title } m: ministry(id: $ministry) { id } }";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var ids = await fixture.Database.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 3");
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT min(id) FROM opendata.ministries");

        var first = await fixture.BodyAsync(query, new { id = ids[0], ministry = ministry.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(ids[0], first["data"]!["question"]!["id"]!.GetValue<string>());
        var before = plans.ShapedHits;
        // Other ids, a lowercase one (canonical), an unknown one and a ministry id that names none: each its own answer.
        // (Ids of the same types: the type an id names is part of the shape.)
        foreach (var (id, expected) in new[] { (ids[1], ids[1]), (ids[2].ToLowerInvariant(), ids[2]), ("SEQ000", null) })
        {
            var body = await fixture.BodyAsync(query, new { id, ministry = "99999999" });
            Assert.Equal(expected, body["data"]!["question"]?["id"]?.GetValue<string>());
            Assert.Null(body["data"]!["m"]);
            Assert.Equal(first["extensions"]!.ToJsonString(), body["extensions"]!.ToJsonString());
        }
        Assert.Equal(before + 3, plans.ShapedHits); // bound into the statements compiled for the first, not planned again
        var again = await fixture.BodyAsync(query, new { id = ids[0], ministry = ministry.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        Assert.Equal(first.ToJsonString(), again.ToJsonString());
        // A ministry id that is no number names no type: another shape, planned for itself, and still no ministry.
        var notANumber = await fixture.BodyAsync(query, new { id = ids[1], ministry = "not a ministry" });
        Assert.Equal(ids[1], notANumber["data"]!["question"]!["id"]!.GetValue<string>());
        Assert.Null(notANumber["data"]!["m"]);
        Assert.Null(notANumber["errors"]);
    }

    [Fact]
    public async Task A_variable_that_also_gives_something_else_is_planned_for_each_value()
    {
        // $id is a lookup's id and one of nodes' ids: not a variable of keys alone, so each value is planned.
        const string query = "query Both($id: ID!) { question(id: $id) { id } nodes(ids: [$id]) { __typename } }";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var ids = await fixture.Database.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 3 OFFSET 10");
        var before = plans.ShapedHits;

        foreach (var id in ids)
        {
            var data = (await fixture.BodyAsync(query, new { id }))["data"]!;
            Assert.Equal(id, data["question"]!["id"]!.GetValue<string>());
            Assert.Equal("Question", data["nodes"]![0]!["__typename"]!.GetValue<string>());
        }
        Assert.Equal(before, plans.ShapedHits);
    }

    [Fact]
    public async Task A_nodes_id_is_bound_for_ids_of_the_type_it_was_planned_for_and_another_type_is_another_shape()
    {
        // The node's fields depend on its type: the type an id names is part of the shape, its value is bound.
        const string query = "query Node($id: ID!) { question(id: $id) { id } node(id: $id) { __typename ... on Question { title } ... on Senator { id name } } }";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var questions = await fixture.Database.QueryAsync<(string Id, string? Title)>("SELECT id, title FROM opendata.questions ORDER BY id LIMIT 3 OFFSET 20");
        var senators = await fixture.Database.QueryAsync<(string Id, string Name)>("SELECT id, name FROM opendata.senators ORDER BY id LIMIT 2");
        var before = plans.ShapedHits;

        foreach (var (id, title) in questions)
        {
            var data = (await fixture.BodyAsync(query, new { id }))["data"]!;
            Assert.Equal(id, data["question"]!["id"]!.GetValue<string>());
            Assert.Equal(title, data["node"]!["title"]?.GetValue<string>());
        }
        Assert.Equal(before + 2, plans.ShapedHits);
        foreach (var (id, name) in senators)
        {
            var data = (await fixture.BodyAsync(query, new { id = id.ToLowerInvariant() }))["data"]!;
            Assert.Null(data["question"]);
            Assert.Equal((id, name), (data["node"]!["id"]!.GetValue<string>(), data["node"]!["name"]!.GetValue<string>()));
        }
        // Questions: planned once, then twice bound; senators: planned once (another shape), then bound once.
        Assert.Equal(before + 3, plans.ShapedHits);
    }

    [Fact]
    public async Task A_walk_by_a_cursor_variable_is_planned_once_with_a_cursor_and_an_invalid_one_is_refused_as_before()
    {
        const string walk = "query Walk($after: String) { questions(first: 2, after: $after) { pageInfo { endCursor } nodes { id } } }";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var expected = (await fixture.DataAsync("{ questions(first: 8) { nodes { id } } }"))["questions"]!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()).ToList();
        var before = plans.ShapedHits;

        var walked = new List<string>();
        string? after = null;
        for (var page = 0; page < 4; page++)
        {
            var questions = (await fixture.DataAsync(walk, new { after }))["questions"]!;
            walked.AddRange(questions["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = questions["pageInfo"]!["endCursor"]!.GetValue<string>();
        }
        Assert.Equal(expected, walked);
        Assert.Equal(before + 2, plans.ShapedHits); // the first page (no cursor) and the second are planned, the third and fourth bound

        // A cursor of another list on the same shape: refused by the planner as before, not bound.
        var senators = (await fixture.DataAsync("{ senators(first: 1) { pageInfo { endCursor } } }"))["senators"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        using var response = await fixture.PostAsync(walk, new { after = senators });
        var refused = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("INVALID_CURSOR", refused["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(before + 2, plans.ShapedHits);
    }

    [Fact]
    public async Task A_key_variables_value_is_checked_as_any_ID_is_when_its_plan_is_kept()
    {
        const string query = "query Checked($id: ID!) { question(id: $id) { id } }";
        var plans = fixture.Services.GetRequiredService<QueryPlans>();
        var ids = await fixture.Database.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY id DESC LIMIT 3");
        foreach (var id in ids) await fixture.BodyAsync(query, new { id }); // planned, then kept by its shape
        var before = plans.ShapedHits;

        // A control character, a lone surrogate, a text over the limit, as JSON escapes (a serializer would mend the
        // surrogate): refused by validation, as without a kept plan, never run nor a server error.
        foreach (var id in new[] { @"""SEQ\u0001X""", @"""\ud800""", $@"""{new string('A', 600)}""" })
        {
            var body = "{\"query\":\"" + query + "\",\"variables\":{\"id\":" + id + "}}";
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
            request.Headers.Add("Accept", "application/graphql-response+json");
            using var response = await fixture.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode == 400 && JsonNode.Parse(text)!["errors"] is not null, $"{id[..Math.Min(12, id.Length)]}: {(int)response.StatusCode} {text[..Math.Min(300, text.Length)]}");
        }
        Assert.Equal(before, plans.ShapedHits);
    }

    [Fact]
    public async Task On_a_fresh_instance_the_first_querys_plan_is_kept_by_shape_once_its_statements_are_reusable()
    {
        // The first request of a fresh instance is compiled before any batch has read the dataset's version: kept all the same.
        await using var api = new OpenData.Api.Tests.Abuse.KestrelApi(fixture.Database.ReaderConnectionString);
        var plans = api.Services.GetRequiredService<QueryPlans>();
        using var client = api.ClientFrom("127.0.0.1");
        var ids = await fixture.Database.QueryAsync<string>("SELECT id FROM opendata.questions ORDER BY id LIMIT 3");
        async Task<string?> AskAsync(string id)
        {
            var body = System.Text.Json.JsonSerializer.Serialize(new { query = "query Fresh($id: ID!) { question(id: $id) { id } }", variables = new { id } });
            using var response = await client.PostAsync("/graphql", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!["data"]!["question"]?["id"]?.GetValue<string>();
        }

        Assert.Equal(ids[0], await AskAsync(ids[0])); // planned, compiled (not reusable yet)
        Assert.Equal(ids[0], await AskAsync(ids[0])); // its plan, compiled again: reusable, kept by shape
        Assert.Equal(ids[1], await AskAsync(ids[1]));
        Assert.Equal(ids[2], await AskAsync(ids[2]));
        Assert.Equal(2, plans.ShapedHits);
    }
}
