using System.Text.Json;
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

    private static string Normalise(string json) =>
        JsonNode.Parse(json)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }) + "\n";

    internal static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OpenData.Api.sln"))) return directory.FullName;
        throw new InvalidOperationException("repository root not found above " + AppContext.BaseDirectory);
    }
}
