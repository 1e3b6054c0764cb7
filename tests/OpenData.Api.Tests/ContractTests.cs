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
        var served = await factory.CreateClient().GetStringAsync("/openapi/v1.json");
        var path = Path.Combine(RepositoryRoot(), "openapi", "v1.json");

        // UPDATE_CONTRACTS=1 ./test.sh rewrites the committed file after an intended API change.
        if (Environment.GetEnvironmentVariable("UPDATE_CONTRACTS") == "1") await File.WriteAllTextAsync(path, Normalise(served));

        Assert.True(File.Exists(path), $"{path} is missing: run UPDATE_CONTRACTS=1 ./test.sh");
        Assert.Equal(Normalise(await File.ReadAllTextAsync(path)), Normalise(served));
    }

    /// <summary>
    /// Every route the app maps is in the OpenAPI document, except the documentation itself (this document,
    /// Swagger UI, GraphiQL's files) and the operators' Prometheus endpoint.
    /// </summary>
    [Fact]
    public async Task No_route_answers_that_the_openapi_document_does_not_list()
    {
        string[] undocumented = ["/openapi/{documentName}.json", "/graphql/ide/{file}", "/metrics", .. OpenData.Api.Home.HomePage.Paths];
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
