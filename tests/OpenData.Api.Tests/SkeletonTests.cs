using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using OpenData.Testing;

namespace OpenData.Api.Tests;

public sealed class SkeletonTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    [Fact]
    public async Task Ready_is_ok_when_the_database_serves_a_dataset()
    {
        var response = await fixture.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("Healthy", body.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Live_is_ok()
    {
        var response = await fixture.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task The_dataset_describes_the_imported_files_and_rows()
    {
        var response = await fixture.Client.GetAsync("/v1/dataset");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var raw = await response.Content.ReadAsStringAsync();
        var body = JsonDocument.Parse(raw).RootElement;

        Assert.True(body.GetProperty("version").GetInt64() >= 1);
        Assert.Matches(@"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$", body.GetProperty("importedAt").GetString());
        var sources = body.GetProperty("sources").EnumerateArray().ToDictionary(s => s.GetProperty("role").GetString()!);
        Assert.Equal(["groups", "questions", "senators"], sources.Keys.Order());
        Assert.Equal("questions.sql", sources["questions"].GetProperty("name").GetString());
        Assert.Equal(Sha256(fixture.Files.Questions), sources["questions"].GetProperty("sha256").GetString());
        Assert.Equal(Sha256(fixture.Files.Senators), sources["senators"].GetProperty("sha256").GetString());
        Assert.Equal(new FileInfo(fixture.Files.Questions).Length, sources["questions"].GetProperty("bytes").GetInt64());
        Assert.Equal(2_000, body.GetProperty("rowCounts").GetProperty("questions").GetInt64());
        Assert.True(body.GetProperty("rowCounts").GetProperty("answers").GetInt64() > 1_000);
        // Generated data says so, and claims neither the Senate's licence nor its site as its source.
        Assert.True(body.GetProperty("generated").GetBoolean());
        Assert.StartsWith("Generated data", body.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("licence").ValueKind);
        Assert.Equal(JsonValueKind.Null, body.GetProperty("source").ValueKind);
        Assert.Equal("/v1/dataset", body.GetProperty("links").GetProperty("self").GetString());
        Assert.True(body.GetProperty("unknownAuthors").GetInt32() > 0);
    }

    [Fact]
    public async Task An_unknown_path_is_a_404_problem()
    {
        var response = await fixture.Client.GetAsync("/v1/nothing-here");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(404, problem.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task Swagger_ui_is_served_from_the_app_without_any_cdn()
    {
        var html = await fixture.Client.GetStringAsync("/swagger/index.html");
        Assert.Contains("swagger-ui", html);
        Assert.DoesNotContain("src=\"http", html);
        Assert.DoesNotContain("href=\"http", html);
    }

    private static string Sha256(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
