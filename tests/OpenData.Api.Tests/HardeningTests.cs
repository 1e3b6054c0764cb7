using System.Net;
using System.Text;

namespace OpenData.Api.Tests;

/// <summary>What a prober or a fuzzer meets: limits, methods, headers, and queries cut short by the server.</summary>
public sealed class HardeningTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task Every_response_carries_the_security_headers()
    {
        foreach (var url in new[] { "/v1/questions?limit=1", "/v1/questions/unknown", "/v1/questions?limit=0", "/health/live" })
        {
            var response = await fixture.Client.GetAsync(url);
            Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal("DENY", response.Headers.GetValues("X-Frame-Options").Single());
            Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
            Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        }
        // The browser pages run their own scripts: no restrictive policy there.
        Assert.False((await fixture.Client.GetAsync("/swagger/index.html")).Headers.Contains("Content-Security-Policy"));
    }

    [Fact]
    public async Task Kestrel_does_not_name_itself()
    {
        await using var api = new Abuse.KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.1");
        foreach (var url in new[] { "/health/live", "/v1/questions?limit=1", "/nowhere" })
        {
            using var response = await client.GetAsync(url);
            Assert.False(response.Headers.Contains("Server"), $"{url}: Server: {string.Join(", ", response.Headers.TryGetValues("Server", out var v) ? v : [])}");
        }
    }

    [Theory]
    [InlineData("POST", "/v1/questions")]
    [InlineData("PUT", "/v1/questions/SEQ240611950")]
    [InlineData("DELETE", "/v1/senators")]
    [InlineData("PATCH", "/v1/dataset")]
    public async Task Only_the_documented_methods_are_allowed(string method, string url)
    {
        var response = await fixture.Client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused()
    {
        var body = "{\"query\":\"{ dataset { version } }\",\"padding\":\"" + new string('x', 100_000) + "\"}";
        var response = await fixture.Client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData(20_000, HttpStatusCode.OK)] // read past the first buffer, which a body without Content-Length starts with
    [InlineData(100_000, HttpStatusCode.RequestEntityTooLarge)]
    public async Task A_body_sent_without_its_length_is_read_to_the_limit(int padding, HttpStatusCode expected)
    {
        var body = "{\"query\":\"{ dataset { version } }\",\"padding\":\"" + new string('x', padding) + "\"}";
        // A stream of unknown length: sent chunked, with no Content-Length.
        var content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(body)));
        content.Headers.ContentType = new("application/json");
        var response = await fixture.Client.PostAsync("/graphql", content);
        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.OK) Assert.Contains("\"version\":", await response.Content.ReadAsStringAsync());
    }

    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }

    [Fact]
    public async Task A_query_cut_short_by_the_statement_timeout_is_a_503_problem()
    {
        // A 1 ms statement_timeout: PostgreSQL cancels the statistics query, which aggregates every question.
        await using var factory = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["Database:StatementTimeoutSeconds"] = "0.001" });
        var response = await factory.CreateClient().GetAsync("/v1/stats/ministries");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull(response.Headers.RetryAfter);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }
}
