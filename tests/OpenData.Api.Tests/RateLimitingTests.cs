using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>
/// Quotas per client IP and per API key, RateLimit-* headers, 429 with Retry-After, X-Forwarded-For from
/// trusted proxies only, GraphQL cost, output-cache hits counted. TestServer has no peer address: the test
/// host sets it from an X-Test-Peer header (a startup filter of the tests only, first in the pipeline).
/// </summary>
public sealed class RateLimitingTests : IAsyncLifetime
{
    private const string TrustedProxy = "10.9.9.9";
    private TestDatabase database = null!;
    private WebApplicationFactory<Program> factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 7));
        factory = WithPeerHeader(new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:Anonymous:PermitLimit"] = "5",
            ["RateLimiting:Anonymous:WindowSeconds"] = "600",
            ["RateLimiting:Tiers:standard:PermitLimit"] = "20",
            ["RateLimiting:Tiers:standard:WindowSeconds"] = "600",
            ["RateLimiting:Tiers:partner:PermitLimit"] = "500",
            ["RateLimiting:Tiers:partner:WindowSeconds"] = "600",
            ["RateLimiting:TrustedProxies:0"] = TrustedProxy,
        }));
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Anonymous_callers_get_a_quota_per_ip_then_429_with_retry_after_and_a_problem()
    {
        for (var i = 1; i <= 5; i++)
        {
            var response = await GetAsync("/v1/dataset", peer: "10.0.0.1");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("5", Header(response, "RateLimit-Limit"));
            Assert.Equal((5 - i).ToString(), Header(response, "RateLimit-Remaining"));
            Assert.InRange(int.Parse(Header(response, "RateLimit-Reset")), 1, 600);
        }
        var rejected = await GetAsync("/v1/dataset", peer: "10.0.0.1");
        Assert.Equal(HttpStatusCode.TooManyRequests, rejected.StatusCode);
        Assert.Equal("application/problem+json", rejected.Content.Headers.ContentType!.MediaType);
        var rejection = JsonNode.Parse(await rejected.Content.ReadAsStringAsync())!;
        Assert.Equal(429, rejection["status"]!.GetValue<int>());
        Assert.Equal("https://www.rfc-editor.org/rfc/rfc6585#section-4", rejection["type"]!.GetValue<string>());
        Assert.InRange(rejected.Headers.RetryAfter!.Delta!.Value.TotalSeconds, 1, 600);
        Assert.Equal("0", Header(rejected, "RateLimit-Remaining"));

        // Another client is not affected; a 304 or an error counts like any answer, and a question looked up and not
        // found paid its read before it ran (1 + 2).
        Assert.Equal("4", Header(await GetAsync("/v1/dataset", peer: "10.0.0.2"), "RateLimit-Remaining"));
        var missing = await GetAsync("/v1/questions/nope", peer: "10.0.0.2");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("1", Header(missing, "RateLimit-Remaining"));
    }

    [Fact]
    public async Task Health_and_documentation_are_neither_limited_nor_headed()
    {
        for (var i = 0; i < 8; i++)
        {
            var response = await GetAsync("/health/live", peer: "10.0.0.3");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.False(response.Headers.Contains("RateLimit-Limit"));
        }
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_is_ignored_but_a_trusted_proxy_names_the_client()
    {
        var remaining = new List<string>();
        foreach (var spoofed in new[] { "1.2.3.4", "1.2.3.5", "1.2.3.6" })
            remaining.Add(Header(await GetAsync("/v1/dataset", peer: "10.0.0.4", forwardedFor: spoofed), "RateLimit-Remaining"));
        Assert.Equal(["4", "3", "2"], remaining); // one partition: the peer's

        // Through the trusted proxy, each forwarded client has its own quota, and the proxy itself is not charged.
        Assert.Equal("4", Header(await GetAsync("/v1/dataset", peer: TrustedProxy, forwardedFor: "1.2.3.7"), "RateLimit-Remaining"));
        Assert.Equal("4", Header(await GetAsync("/v1/dataset", peer: TrustedProxy, forwardedFor: "203.0.113.9, 1.2.3.8"), "RateLimit-Remaining"));
        Assert.Equal("3", Header(await GetAsync("/v1/dataset", peer: TrustedProxy, forwardedFor: "1.2.3.7"), "RateLimit-Remaining"));
        Assert.Equal("4", Header(await GetAsync("/v1/dataset", peer: TrustedProxy), "RateLimit-Remaining"));
    }

    [Fact]
    public async Task An_api_key_gets_its_tier_quota_in_its_own_partition()
    {
        var key = await CreateKeyAsync("standard-client", "standard");
        for (var i = 1; i <= 8; i++)
        {
            var response = await GetAsync("/v1/dataset", peer: "10.0.0.5", apiKey: key);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("20", Header(response, "RateLimit-Limit"));
            Assert.Equal((20 - i).ToString(), Header(response, "RateLimit-Remaining"));
        }
        // The same key from another address shares its quota. The address paid one anonymous permit for the first look-up
        // of a key the instance did not know yet (made-up keys cost their sender, not the database); later requests, none.
        Assert.Equal("11", Header(await GetAsync("/v1/dataset", peer: "10.0.0.6", apiKey: key), "RateLimit-Remaining"));
        Assert.Equal("3", Header(await GetAsync("/v1/dataset", peer: "10.0.0.5"), "RateLimit-Remaining"));
    }

    [Fact]
    public async Task A_key_sent_as_a_bearer_token_is_the_same_key_and_a_wrong_one_is_a_401()
    {
        var key = await CreateKeyAsync("bearer-client", "standard");
        Assert.Equal("19", Header(await GetAsync("/v1/dataset", peer: "10.0.3.1", apiKey: key), "RateLimit-Remaining"));
        var bearer = new HttpRequestMessage(HttpMethod.Get, "/v1/dataset");
        bearer.Headers.Add("X-Test-Peer", "10.0.3.2");
        bearer.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var shared = await client.SendAsync(bearer);
        Assert.Equal("20", Header(shared, "RateLimit-Limit"));
        Assert.Equal("18", Header(shared, "RateLimit-Remaining")); // the key's partition, not the address's

        var wrong = new HttpRequestMessage(HttpMethod.Get, "/v1/dataset");
        wrong.Headers.Add("X-Test-Peer", "10.0.3.3");
        wrong.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "od_not-a-key");
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.SendAsync(wrong)).StatusCode); // never silently anonymous

        var basic = new HttpRequestMessage(HttpMethod.Get, "/v1/dataset"); // a proxy's own authentication is left alone
        basic.Headers.Add("X-Test-Peer", "10.0.3.4");
        basic.Headers.Authorization = new AuthenticationHeaderValue("Basic", "dXNlcjpwYXNz");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(basic)).StatusCode);
    }

    [Theory]
    [InlineData("od_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("not-a-key")]
    public async Task An_unknown_key_is_a_401_problem_not_anonymous_access(string key)
    {
        var response = await GetAsync("/v1/dataset", peer: "10.0.0.7", apiKey: key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
        Assert.Contains("X-Api-Key", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_revoked_key_is_a_401_problem()
    {
        var key = await CreateKeyAsync("revoked-client", "standard");
        await IngestTool.SucceedAsync("apikey", "revoke", "--name", "revoked-client", "--connection", database.OwnerConnectionString);
        var response = await GetAsync("/v1/dataset", peer: "10.0.0.8", apiKey: key);
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType!.MediaType);
    }

    [Fact]
    public async Task A_valid_key_is_served_when_its_instance_reads_the_keys_again_though_its_address_has_no_anonymous_permit_left()
    {
        var clock = new FakeTimeProvider();
        await using var shortCache = WithPeerHeader(new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:Anonymous:PermitLimit"] = "2",
            ["RateLimiting:Anonymous:WindowSeconds"] = "600",
            ["RateLimiting:ApiKeyCacheSeconds"] = "0.2",
        }, clock));
        var shortClient = shortCache.CreateClient();
        var key = await CreateKeyAsync("behind-a-busy-address", "standard");
        Assert.Equal(HttpStatusCode.OK, (await Get(shortClient, "/v1/dataset", "10.2.0.1", apiKey: key)).StatusCode); // the first look-up: 1 anonymous permit
        Assert.Equal(HttpStatusCode.OK, (await Get(shortClient, "/v1/dataset", "10.2.0.1")).StatusCode); // the address's last one
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Get(shortClient, "/v1/dataset", "10.2.0.1")).StatusCode);
        for (var i = 0; i < 3; i++)
        {
            clock.Advance(TimeSpan.FromSeconds(0.3)); // the copy of the keys is stale again
            Assert.Equal(HttpStatusCode.OK, (await Get(shortClient, "/v1/dataset", "10.2.0.1", apiKey: key)).StatusCode);
        }
    }

    [Fact]
    public async Task A_graphql_query_is_charged_its_cost()
    {
        var key = await CreateKeyAsync("graphql-client", "partner");
        Assert.Equal("499", Header(await GetAsync("/v1/dataset", peer: "10.0.0.9", apiKey: key), "RateLimit-Remaining"));

        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent("""{"query":"{ questions(first: 50) { nodes { id } } }"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Test-Peer", "10.0.0.9");
        request.Headers.Add("X-Api-Key", key);
        var graphql = await client.SendAsync(request);
        var body = JsonNode.Parse(await graphql.Content.ReadAsStringAsync())!;
        Assert.Equal(HttpStatusCode.OK, graphql.StatusCode);
        Assert.Equal(2, body["extensions"]!["cost"]!["requested"]!.GetValue<long>()); // the request, and 50 ids
        Assert.Equal("497", Header(graphql, "RateLimit-Remaining"));

        Assert.Equal("496", Header(await GetAsync("/v1/dataset", peer: "10.0.0.9", apiKey: key), "RateLimit-Remaining"));
    }

    [Fact]
    public async Task Output_cache_hits_count_too()
    {
        var first = await GetAsync("/v1/questions?limit=2", peer: "10.0.0.10");
        var second = await GetAsync("/v1/questions?limit=2", peer: "10.0.0.10");
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.NotNull(second.Headers.Age); // served by the output cache
        Assert.Equal("3", Header(first, "RateLimit-Remaining")); // 1, and 1 for its rows
        Assert.Equal("2", Header(second, "RateLimit-Remaining")); // 1: nothing read

        var revalidation = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=2");
        revalidation.Headers.Add("X-Test-Peer", "10.0.0.10");
        revalidation.Headers.IfNoneMatch.Add(second.Headers.ETag!);
        var notModified = await client.SendAsync(revalidation);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal("1", Header(notModified, "RateLimit-Remaining"));
    }

    [Fact]
    public async Task The_quota_comes_back_when_the_window_ends()
    {
        var clock = new FakeTimeProvider();
        await using var shortWindow = WithPeerHeader(new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string>
        {
            ["RateLimiting:Anonymous:PermitLimit"] = "2",
            ["RateLimiting:Anonymous:WindowSeconds"] = "1",
        }, clock));
        var shortClient = shortWindow.CreateClient();
        await Get(shortClient, "/v1/dataset", "10.1.0.1"); // warm-up on another address

        // The clock stands still: the three requests fall in one window.
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++) statuses.Add((last = await Get(shortClient, "/v1/dataset", "10.1.0.2")).StatusCode);
        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests], statuses);
        Assert.Equal(1, last.Headers.RetryAfter!.Delta!.Value.TotalSeconds);

        clock.Advance(TimeSpan.FromSeconds(0.9));
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Get(shortClient, "/v1/dataset", "10.1.0.2")).StatusCode);
        clock.Advance(TimeSpan.FromSeconds(0.1));
        var again = await Get(shortClient, "/v1/dataset", "10.1.0.2");
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("1", Header(again, "RateLimit-Remaining"));
    }

    private async Task<string> CreateKeyAsync(string name, string tier)
    {
        var created = await IngestTool.SucceedAsync("apikey", "create", "--name", name, "--tier", tier, "--connection", database.OwnerConnectionString);
        return created.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith("od_", StringComparison.Ordinal));
    }

    private Task<HttpResponseMessage> GetAsync(string url, string peer, string? forwardedFor = null, string? apiKey = null) =>
        Get(client, url, peer, forwardedFor, apiKey);

    internal static Task<HttpResponseMessage> Get(HttpClient client, string url, string peer, string? forwardedFor = null, string? apiKey = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Test-Peer", peer);
        if (forwardedFor is not null) request.Headers.Add("X-Forwarded-For", forwardedFor);
        if (apiKey is not null) request.Headers.Add("X-Api-Key", apiKey);
        return client.SendAsync(request);
    }

    internal static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.Single() : throw new Xunit.Sdk.XunitException($"no {name} header on a {(int)response.StatusCode}");

    internal static WebApplicationFactory<Program> WithPeerHeader(ApiFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, PeerAddressFilter>()));

    /// <summary>Sets the connection's remote address from X-Test-Peer, as a real socket would.</summary>
    private sealed class PeerAddressFilter : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((HttpContext context, RequestDelegate nextMiddleware) =>
            {
                if (IPAddress.TryParse(context.Request.Headers["X-Test-Peer"].ToString(), out var peer)) context.Connection.RemoteIpAddress = peer;
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}
