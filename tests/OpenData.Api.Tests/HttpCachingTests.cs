using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Headers;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>ETag, Last-Modified, 304s, Cache-Control, the output cache, CORS and compression, against a dataset that changes under the API.</summary>
public sealed class HttpCachingTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private ApiFactory factory = null!;
    private HttpClient client = null!;

    public async Task InitializeAsync()
    {
        database = await TemplateDatabases.ImportedAsync(SourceFiles.Generated(300, seed: 7));
        factory = new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string> { ["Dataset:PollSeconds"] = "0.2", ["Http:MaxAgeSeconds"] = "120" });
        client = factory.CreateClient();
    }

    public async Task DisposeAsync()
    {
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_revalidation_with_the_etag_or_the_date_is_a_304()
    {
        var first = await client.GetAsync("/v1/questions?limit=3");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        Assert.True(etag.IsWeak);
        Assert.Equal("public, max-age=120", first.Headers.CacheControl!.ToString());
        var lastModified = first.Content.Headers.LastModified!.Value;

        var byTag = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=3");
        byTag.Headers.IfNoneMatch.Add(etag);
        var notModified = await client.SendAsync(byTag);
        Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);
        Assert.Equal(etag, notModified.Headers.ETag);
        Assert.Empty(await notModified.Content.ReadAsByteArrayAsync());

        var byDate = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=3");
        byDate.Headers.IfModifiedSince = lastModified;
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(byDate)).StatusCode);

        var stale = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=3");
        stale.Headers.IfNoneMatch.Add(new EntityTagHeaderValue("\"0-json\"", true));
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task Each_format_of_a_url_has_its_own_etag()
    {
        var json = await client.GetAsync("/v1/questions?limit=3");
        var csvRequest = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=3");
        csvRequest.Headers.Accept.ParseAdd("text/csv");
        var csv = await client.SendAsync(csvRequest);
        Assert.NotEqual(json.Headers.ETag, csv.Headers.ETag);
    }

    [Theory]
    [InlineData("text/*")]
    [InlineData("text/csv")]
    [InlineData("application/x-ndjson")]
    public async Task An_export_negotiated_by_accept_is_never_served_from_the_output_cache(string accept)
    {
        HttpResponseMessage last = null!;
        for (var i = 0; i < 2; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=2&sort=publishedAt");
            request.Headers.Accept.ParseAdd(accept);
            last = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, last.StatusCode);
            Assert.NotEqual("application/json", last.Content.Headers.ContentType!.MediaType);
        }
        Assert.Null(last.Headers.Age); // answered again, not stored
    }

    [Fact]
    public async Task A_new_import_changes_the_etag_and_empties_the_output_cache()
    {
        var before = await client.GetAsync("/v1/dataset");
        var beforeBody = await before.Content.ReadAsStringAsync();
        var cachedList = await client.GetStringAsync("/v1/questions?limit=1");
        Assert.Equal(cachedList, await client.GetStringAsync("/v1/questions?limit=1"));

        await IngestTool.ImportAsync(database, SourceFiles.Generated(400, seed: 8));
        HttpResponseMessage after = before;
        await Eventually.TrueAsync(async () => (after = await client.GetAsync("/v1/dataset")).Headers.ETag?.ToString() != before.Headers.ETag?.ToString(),
            "the new dataset served");

        Assert.NotEqual(before.Headers.ETag?.ToString(), after.Headers.ETag?.ToString());
        var afterBody = await after.Content.ReadAsStringAsync();
        Assert.True(beforeBody != afterBody, $"ETag {before.Headers.ETag} -> {after.Headers.ETag} ({(int)after.StatusCode}) but the body did not change: {afterBody[..40]}");
        Assert.Contains("\"total\":400", await client.GetStringAsync("/v1/questions?limit=1"));

        var revalidate = new HttpRequestMessage(HttpMethod.Get, "/v1/dataset");
        revalidate.Headers.IfNoneMatch.Add(before.Headers.ETag!);
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task The_importers_notification_is_heard_long_before_the_next_poll()
    {
        await using var listening = new ApiFactory(database.ReaderConnectionString, new Dictionary<string, string> { ["Dataset:PollSeconds"] = "600" });
        var api = listening.CreateClient();
        var before = (await api.GetAsync("/v1/dataset")).Headers.ETag!.ToString();
        // Seen by the API's role (another role does not see a session's query).
        await Eventually.TrueAsync(async () =>
        {
            await using var reader = new Npgsql.NpgsqlConnection(database.ReaderConnectionString);
            return await Dapper.SqlMapper.ExecuteScalarAsync<bool>(reader,
                "SELECT EXISTS (SELECT FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() AND state = 'idle' AND query LIKE 'LISTEN %')");
        }, "the API listening on the importer's channel");

        await IngestTool.ImportAsync(database, SourceFiles.Generated(300, seed: 9));
        // Within the bound (30 s), against a 600 s poll: only the notification can have told it.
        await Eventually.TrueAsync(async () => (await api.GetAsync("/v1/dataset")).Headers.ETag!.ToString() != before, "the new dataset served");
    }

    [Fact]
    public async Task Graphql_queries_sent_as_get_are_cached_and_revalidated_like_rest()
    {
        const string url = "/graphql?query=%7B%20dataset%20%7B%20version%20%7D%20%7D";
        var first = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.NotNull(first.Headers.ETag);
        var second = await client.GetAsync(url);
        Assert.NotNull(second.Headers.Age); // served by the output cache
        Assert.Equal(await first.Content.ReadAsStringAsync(), await second.Content.ReadAsStringAsync());

        var revalidate = new HttpRequestMessage(HttpMethod.Get, url);
        revalidate.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        Assert.Equal(HttpStatusCode.NotModified, (await client.SendAsync(revalidate)).StatusCode);
    }

    [Fact]
    public async Task A_persisted_query_not_yet_known_is_not_cached()
    {
        const string query = "{ themes { id label } }";
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(query)));
        var extensions = $"{{\"persistedQuery\":{{\"version\":1,\"sha256Hash\":\"{hash}\"}}}}";
        var byHash = $"/graphql?extensions={Uri.EscapeDataString(extensions)}";

        var miss = await client.GetAsync(byHash);
        Assert.Contains("PERSISTED_QUERY_NOT_FOUND", await miss.Content.ReadAsStringAsync());
        Assert.Null(miss.Headers.ETag);
        Assert.True(miss.Headers.CacheControl?.NoStore);

        var register = await client.PostAsync("/graphql", new StringContent($"{{\"query\":\"{query}\",\"extensions\":{extensions}}}", System.Text.Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, register.StatusCode);
        var hit = await client.GetAsync(byHash);
        var body = await hit.Content.ReadAsStringAsync();
        Assert.Contains("\"themes\"", body);
        Assert.DoesNotContain("PERSISTED_QUERY_NOT_FOUND", body);
    }

    [Fact]
    public async Task Cached_answers_are_tagged_per_resource()
    {
        await client.GetAsync("/v1/questions?limit=4");
        await client.GetAsync("/v1/themes");
        Assert.NotNull((await client.GetAsync("/v1/questions?limit=4")).Headers.Age);

        var store = factory.Services.GetRequiredService<Microsoft.AspNetCore.OutputCaching.IOutputCacheStore>();
        await store.EvictByTagAsync($"{OpenData.Api.Infrastructure.HttpCaching.ResourceTagPrefix}questions", default);

        Assert.Null((await client.GetAsync("/v1/questions?limit=4")).Headers.Age); // evicted
        Assert.NotNull((await client.GetAsync("/v1/themes")).Headers.Age);        // other resources kept
    }

    [Fact]
    public async Task The_output_cache_keeps_compressed_answers_per_encoding()
    {
        async Task<HttpResponseMessage> GetAsync(string? encoding)
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=30&status=answered");
            if (encoding is not null) request.Headers.AcceptEncoding.ParseAdd(encoding);
            return await client.SendAsync(request);
        }
        var first = await GetAsync("br");
        var again = await GetAsync("br");
        Assert.Equal("br", again.Content.Headers.ContentEncoding.Single());
        Assert.NotNull(again.Headers.Age); // served from the cache, compressed
        Assert.Equal(await first.Content.ReadAsByteArrayAsync(), await again.Content.ReadAsByteArrayAsync());

        var gzip = await GetAsync("gzip");
        Assert.Equal("gzip", gzip.Content.Headers.ContentEncoding.Single());
        var identity = await GetAsync(null);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.StartsWith("{\"data\":[", await identity.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Any_origin_may_read_and_responses_are_compressed()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?limit=50");
        request.Headers.Add("Origin", "https://example.org");
        request.Headers.AcceptEncoding.ParseAdd("br");
        var response = await client.SendAsync(request);
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("ETag", response.Headers.GetValues("Access-Control-Expose-Headers").Single());
        Assert.Equal("br", response.Content.Headers.ContentEncoding.Single());

        var gzip = new HttpRequestMessage(HttpMethod.Get, "/v1/questions?format=csv");
        gzip.Headers.AcceptEncoding.ParseAdd("gzip");
        Assert.Equal("gzip", (await client.SendAsync(gzip)).Content.Headers.ContentEncoding.Single());
    }
}
