using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using OpenData.Api.Protection;

namespace OpenData.Api.Tests.Abuse;

/// <summary>
/// A client may say the most it will pay for a request (<c>Max-Cost</c>): a dearer one is refused before it runs, for its
/// permit and the estimates that priced it, naming its price, REST, GraphQL and exports alike.
/// </summary>
[Collection(AbuseCollection.Name)]
public sealed class MaxCostTests(AbuseFixture fixture)
{
    private const string Ranked = "/v1/questions?q=commune&sort=relevance&limit=10";

    [Fact]
    public async Task A_request_dearer_than_its_Max_Cost_is_refused_for_its_permit_and_estimates_and_one_within_it_runs()
    {
        long price;
        await using (var probe = new KestrelApi(fixture.Database.ReaderConnectionString))
        {
            using var prober = probe.ClientFrom("127.0.0.90");
            var before = await RemainingAsync(prober, "/v1/dataset");
            price = before - await RemainingAsync(prober, Ranked); // its permit and its work
        }
        Assert.True(price > 2, $"ranking a common word should cost more than a page: {price}");

        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.91");
        var remaining = await RemainingAsync(client, "/v1/dataset");

        using var refused = await SendAsync(client, Ranked, (price - 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Equal("Request too costly", problem["title"]!.GetValue<string>());
        Assert.Contains($"This request costs {price} permits", problem["detail"]!.GetValue<string>());
        Assert.Contains($"at most {price - 1} permits (this request's Max-Cost header)", problem["detail"]!.GetValue<string>());
        Assert.NotNull(problem["errors"]![MaxCost.Header]);
        Assert.NotNull(problem["errors"]!["sort"]);
        // Its own permit and the planner's estimate of the words' matches, which priced it: nothing else.
        Assert.Equal(remaining - 1 - Prices.Estimate, remaining = Remaining(refused));

        // Allowed its price, it runs; a request of no work beyond its permit runs under the least Max-Cost.
        using var ranked = await SendAsync(client, Ranked, price.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, ranked.StatusCode);
        using var dataset = await SendAsync(client, "/v1/dataset", "1");
        Assert.Equal(HttpStatusCode.OK, dataset.StatusCode);
    }

    [Fact]
    public async Task A_query_dearer_than_its_Max_Cost_is_refused_with_its_price_and_that_limit_in_its_cost()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.92");
        var body = new JsonObject { ["query"] = "{ questions(first: 20) { nodes { id text } } }" }.ToJsonString();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add(MaxCost.Header, "3");
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await client.SendAsync(request);

        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("MAX_COST_EXCEEDED", answer["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
        Assert.Contains("at most 3 are allowed (this request's Max-Cost header)", answer["errors"]![0]!["message"]!.GetValue<string>());
        Assert.Equal(3, answer["extensions"]!["cost"]!["limit"]!.GetValue<long>());
        Assert.True(answer["extensions"]!["cost"]!["requested"]!.GetValue<long>() > 3, answer.ToJsonString());
        Assert.Null(answer["data"]);
    }

    [Fact]
    public async Task An_export_dearer_than_its_Max_Cost_is_refused_before_its_rows_are_read()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.93");
        var price = Prices.Export(250) + 1;
        var remaining = await RemainingAsync(client, "/v1/questions?format=csv&limit=1"); // the total counted once, remembered

        using var refused = await SendAsync(client, "/v1/questions?format=csv&limit=250", (price - 1).ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = JsonNode.Parse(await refused.Content.ReadAsStringAsync())!;
        Assert.Contains($"This export of 250 rows costs {price} permits", problem["detail"]!.GetValue<string>());
        Assert.Contains($"At most {(price - 2) * Prices.ExportRowsPerPermit} rows", problem["errors"]![MaxCost.Header]![0]!.GetValue<string>());
        Assert.Equal(remaining - 1, remaining = Remaining(refused));

        using var within = await SendAsync(client, "/v1/questions?format=csv&limit=250", price.ToString(CultureInfo.InvariantCulture));
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
        Assert.Equal(remaining - price, Remaining(within));
    }

    [Fact]
    public async Task A_Max_Cost_that_is_not_a_positive_integer_is_a_400_naming_it()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.94");
        foreach (var value in new[] { "0", "-5", "twelve", "1.5", "99999999999999999999", "" })
        {
            using var response = await SendAsync(client, "/v1/questions?limit=5", value);
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"Max-Cost '{value}': {(int)response.StatusCode}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Contains("positive integer", problem["errors"]![MaxCost.Header]![0]!.GetValue<string>());
        }
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, string url, string maxCost)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.TryAddWithoutValidation(MaxCost.Header, maxCost);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static int Remaining(HttpResponseMessage response) =>
        int.Parse(response.Headers.GetValues("RateLimit-Remaining").Single(), CultureInfo.InvariantCulture);

    private static Task<int> RemainingAsync(HttpClient client, string url) => PricingTests.RemainingAsync(client, url);
}
