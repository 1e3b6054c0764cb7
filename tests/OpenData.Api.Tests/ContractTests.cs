using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests;

/// <summary>The committed contract (openapi/v1.json) is exactly what the service serves.</summary>
public sealed class ContractTests
{
    [Fact]
    public async Task The_committed_openapi_document_matches_the_served_one()
    {
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        // Read from the address ./run.sh serves on: the document's server is the URL it is read from.
        var served = await factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { BaseAddress = new Uri(CommittedServer) })
            .GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(RepositoryRoot(), "openapi", "v1.json");

        // UPDATE_CONTRACTS=1 ./test.sh rewrites the committed file after an intended API change.
        if (Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1") await File.WriteAllTextAsync(path, Normalise(served));

        Assert.True(File.Exists(path), $"{path} is missing: run UPDATE_CONTRACTS=1 ./test.sh");
        Assert.Equal(Normalise(await File.ReadAllTextAsync(path)), Normalise(served));
    }

    /// <summary>The server the committed document names: the address ./run.sh serves on.</summary>
    public const string CommittedServer = "http://127.0.0.1:5080";

    [Fact]
    public async Task The_documents_server_is_the_absolute_url_it_was_read_from_each_with_its_own_etag()
    {
        // A proxy on loopback is trusted: the scheme it says the client used is the document's.
        await using var api = new Abuse.KestrelApi(ApiFactory.UnreachableDatabase, new Dictionary<string, string> { ["RateLimiting:TrustedProxies:0"] = "127.0.0.1" });
        using var client = new HttpClient { BaseAddress = api.BaseAddress };
        async Task<(string Server, string ETag)> ReadAsync(string host, string? proto = null)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/openapi/v1.json");
            request.Headers.Host = host;
            if (proto is not null) request.Headers.Add("X-Forwarded-Proto", proto);
            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var document = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            return (Assert.Single(document["servers"]!.AsArray())!["url"]!.GetValue<string>(), response.Headers.ETag!.Tag);
        }

        var (plain, plainTag) = await ReadAsync("api.example.org");
        var (secure, secureTag) = await ReadAsync("api.example.org", "https");
        var (other, otherTag) = await ReadAsync("127.0.0.1:8080");
        Assert.Equal("http://api.example.org", plain);
        Assert.Equal("https://api.example.org", secure);
        Assert.Equal("http://127.0.0.1:8080", other);
        Assert.Equal(3, new[] { plainTag, secureTag, otherTag }.Distinct().Count());
    }

    /// <summary>
    /// Every route the app maps is in the OpenAPI document, except the documentation itself (this document,
    /// Swagger UI, GraphiQL's files), the operators' Prometheus endpoint and the MCP endpoint (JSON-RPC, whose tools
    /// describe themselves: tools/list).
    /// </summary>
    [Fact]
    public async Task No_route_answers_that_the_openapi_document_does_not_list()
    {
        string[] undocumented = ["/openapi/{documentName}.json", "/graphql/ide/{file}", "/metrics", OpenData.Api.Features.Mcp.McpApi.Path + "/", .. OpenData.Api.Home.HomePage.Paths];
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        var document = JsonNode.Parse(await factory.CreateClient().GetStringAsync("/openapi/v1.json"))!;
        var documented = document["paths"]!.AsObject().Select(p => p.Key).ToHashSet();

        var routes = factory.Services.GetRequiredService<Microsoft.AspNetCore.Routing.EndpointDataSource>().Endpoints
            .OfType<Microsoft.AspNetCore.Routing.RouteEndpoint>()
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Select(route => System.Text.RegularExpressions.Regex.Replace(route, @"\{(\w+)(:[^}]*)?\}", "{$1}"))
            .Distinct().ToList();

        Assert.NotEmpty(routes);
        var unlisted = routes.Where(route => !documented.Contains(route) && !undocumented.Contains(route)).ToList();
        var unmapped = documented.Where(path => !routes.Contains(path)).ToList();
        Assert.True(unlisted.Count == 0, $"mapped but not in the OpenAPI document: {string.Join(", ", unlisted)}");
        Assert.True(unmapped.Count == 0, $"in the OpenAPI document but not mapped: {string.Join(", ", unmapped)}");
    }

    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OpenData.Api.sln"))) return directory.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
