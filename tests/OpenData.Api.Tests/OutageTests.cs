using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using OpenData.Testing;

namespace OpenData.Api.Tests;

/// <summary>Without a database, or before any import, the API says so quickly and cleanly.</summary>
public sealed class OutageTests
{
    [Fact]
    public async Task With_the_database_down_data_endpoints_answer_503_with_retry_after_within_seconds()
    {
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        var client = factory.CreateClient();
        client.Timeout = TimeSpan.FromSeconds(20); // a bound against hanging, not a timing

        var response = await client.GetAsync("/v1/dataset");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(5), response.Headers.RetryAfter?.Delta);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain("Npgsql", body);
        Assert.Equal(503, JsonDocument.Parse(body).RootElement.GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task With_the_database_down_live_is_ok_and_ready_is_503()
    {
        await using var factory = new ApiFactory(ApiFactory.UnreachableDatabase);
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        Assert.Equal("Unhealthy", (await ready.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Before_the_first_import_the_dataset_is_a_503_problem_saying_so()
    {
        await using var database = await TemplateDatabases.MigratedAsync();
        await using var factory = new ApiFactory(database.ReaderConnectionString);
        var client = factory.CreateClient();

        var response = await client.GetAsync("/v1/dataset");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("No dataset yet", problem.GetProperty("title").GetString());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public void Without_a_connection_string_the_api_refuses_to_start_and_says_why()
    {
        using var factory = new ApiFactory("");
        var error = Assert.Throws<InvalidOperationException>(() => factory.CreateClient());
        Assert.Contains("ConnectionStrings:OpenData is not set", error.Message);
    }
}
