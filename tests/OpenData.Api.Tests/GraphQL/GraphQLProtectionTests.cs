using System.Net;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>Depth, cost and size are checked before execution: a rejected query runs no SQL.</summary>
[Collection(GraphQLCollection.Name)]
public sealed class GraphQLProtectionTests(GraphQLFixture fixture)
{
    private async Task<(HttpStatusCode Status, JsonNode Body, int Sql)> RunAsync(string query)
    {
        HttpStatusCode status = default;
        JsonNode body = null!;
        var sql = await fixture.CountSqlAsync(async () =>
        {
            using var response = await fixture.PostAsync(query);
            status = response.StatusCode;
            body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        });
        return (status, body, sql);
    }

    [Fact]
    public async Task A_query_over_the_node_limit_is_rejected_before_any_sql()
    {
        var (status, body, sql) = await RunAsync("{ questions(first: 100) { nodes { author { questions(first: 100) { nodes { id } } } } } }");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_COST_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        // The page and its 100 questions, each with an author and a page of 100 of their questions.
        Assert.Equal("""{"requested":10301,"limit":10000}""", body["extensions"]!["cost"]!.ToJsonString());
        Assert.Null(body["data"]);
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task A_document_validated_before_is_still_costed_with_its_new_variables()
    {
        // A document of its own, so this test sees it first valid, then cached, then over the limits.
        const string query = "query Costed($n: Int) { questions(first: $n) { nodes { id author { questions(first: $n) { nodes { id } } } } } }";
        for (var i = 0; i < 2; i++)
        {
            using var small = await fixture.PostAsync(query, new { n = 2 });
            Assert.Equal(HttpStatusCode.OK, small.StatusCode);
            Assert.Equal(1 + 2 + 2 * (1 + 1 + 2), JsonNode.Parse(await small.Content.ReadAsStringAsync())!["extensions"]!["cost"]!["requested"]!.GetValue<long>());
        }
        var sql = await fixture.CountSqlAsync(async () =>
        {
            using var large = await fixture.PostAsync(query, new { n = 100 });
            Assert.Equal(HttpStatusCode.BadRequest, large.StatusCode);
            Assert.Equal("MAX_COST_EXCEEDED", JsonNode.Parse(await large.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
            using var outOfRange = await fixture.PostAsync(query, new { n = 101 });
            Assert.Contains("FIRST_OUT_OF_RANGE", await outOfRange.Content.ReadAsStringAsync());
        });
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task A_query_too_deep_is_rejected_before_any_sql()
    {
        var query = "{ question(id: \"X\") { " + string.Concat(Enumerable.Repeat("remindsQuestion { ", 15)) + "id" + new string('}', 16) + " }";
        var (status, body, sql) = await RunAsync(query);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("MAX_DEPTH_EXCEEDED", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task A_document_too_large_is_rejected_before_any_sql()
    {
        var (status, body, sql) = await RunAsync("{ themes { id } }" + new string(' ', 20_000));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("QUERY_TOO_LARGE", body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Equal(0, sql);
    }

    [Fact]
    public async Task The_cost_counts_each_connection_page_and_each_linked_object()
    {
        var (_, body, _) = await RunAsync("{ questions(first: 50) { totalCount nodes { author { id } ministry { id } answer { delayDays } } } }");
        // The connection, its 50 questions and their 3 × 50 linked objects; the total of an unfiltered list is known.
        Assert.Equal(1 + 50 + 3 * 50, body["extensions"]!["cost"]!["requested"]!.GetValue<long>());
    }

    [Fact]
    public async Task Introspection_costs_exactly_the_objects_it_returns()
    {
        var (status, introspection, _) = await RunAsync("{ __schema { types { name fields { name type { ofType { ofType { ofType { ofType { ofType { ofType { ofType { name } } } } } } } } } } } }");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(Objects(introspection["data"]!) - 1, introspection["extensions"]!["cost"]!["requested"]!.GetValue<long>());
    }

    private static long Objects(JsonNode? node) => node switch
    {
        JsonObject obj => 1 + obj.Sum(p => Objects(p.Value)),
        JsonArray array => array.Sum(Objects),
        _ => 0,
    };
}
