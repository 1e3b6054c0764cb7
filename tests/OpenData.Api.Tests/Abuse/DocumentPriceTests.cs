using System.Globalization;
using System.Text.Json.Nodes;
using GraphQLParser.AST;
using OpenData.Api.GraphQL.Protection;
using OpenData.Api.Protection;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// A GraphQL document new to the server pays for its size before the API validates, plans and compiles it: a client
/// sending the largest documents allowed, each refused (invalid, or over its Max-Cost) after that work, cannot have it
/// done thousands of times a minute for a permit each. A document seen before is not read again, and pays nothing more.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class DocumentPriceTests(AbuseFixture fixture)
{
    private const string Fragment = "fragment F on Question { id number legislature title topic publishedAt journalPage answeredAt answerDelayDays deadline overdue closedAt remindsQuestionId url status updatedAt nature { code label } }";

    private static string Large(string prefix, string extra = "") =>
        "{ " + string.Join(" ", Enumerable.Range(0, 40).Select(i => $"{prefix}{i}: questions(first: 1) {{ nodes {{ ...F reminders {{ ...F }} }} }}")) + $" {extra} }} {Fragment}";

    private static long Fields(string query)
    {
        var document = GraphQLParser.Parser.Parse(query);
        return QueryShape.Of(document, document.Definitions.OfType<GraphQLOperationDefinition>().Single(), long.MaxValue).Fields;
    }

    [Fact]
    public async Task A_new_document_pays_for_its_fields_whether_it_runs_or_is_refused_and_a_known_one_does_not()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.95");
        var remaining = await PricingTests.RemainingAsync(client, "/v1/dataset");
        var valid = Large("a");
        var fee = Prices.NewDocument(Fields(valid));
        Assert.True(fee >= 60, $"the document should be large: {Fields(valid)} fields, {fee} permits");

        // Refused by validation (its last field is unknown): its permit and its size.
        var (invalid, invalidLeft, _) = await PostAsync(client, Large("b", "nope"));
        Assert.Contains("nope", invalid);
        Assert.Equal(remaining - 1 - Prices.NewDocument(Fields(Large("b", "nope"))), remaining = invalidLeft);

        // Refused by its Max-Cost after it was compiled: the same.
        var (capped, cappedLeft, _) = await PostAsync(client, Large("c"), maxCost: "1");
        Assert.Contains("MAX_COST_EXCEEDED", capped);
        Assert.Equal(remaining - 1 - fee, remaining = cappedLeft);

        // Run: its size and its price; sent again, its price alone.
        var (_, firstLeft, price) = await PostAsync(client, valid);
        Assert.Equal(remaining - fee - price, remaining = firstLeft);
        var (_, againLeft, priceAgain) = await PostAsync(client, valid);
        Assert.Equal(remaining - priceAgain, againLeft);

        // A document under the fields a permit pays for costs nothing more than its request.
        Assert.Equal(0, Prices.NewDocument(Fields("{ questions(first: 5) { nodes { id title publishedAt } } }")));
    }

    private static async Task<(string Body, int Remaining, long Price)> PostAsync(HttpClient client, string query, string? maxCost = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLAbuseTests.Json(query) };
        if (maxCost is not null) request.Headers.Add(MaxCost.Header, maxCost);
        using var response = await client.SendAsync(request);
        var body = await response.Content.ReadAsStringAsync();
        var price = JsonNode.Parse(body)?["extensions"]?["cost"]?["requested"]?.GetValue<long>() ?? 0;
        return (body, int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), CultureInfo.InvariantCulture), price);
    }
}
