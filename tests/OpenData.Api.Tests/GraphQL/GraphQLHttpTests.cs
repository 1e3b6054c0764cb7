using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>GraphQL over HTTP: methods, media types, each error class with its code, persisted queries, the IDE.</summary>
[Collection(GraphQLCollection.Name)]
public sealed class GraphQLHttpTests(GraphQLFixture fixture)
{
    private async Task<(HttpStatusCode Status, string? ContentType, JsonNode Body)> SendAsync(HttpMethod method, string url, string? body = null,
        string accept = "application/graphql-response+json", string contentType = "application/json")
    {
        using var request = new HttpRequestMessage(method, url);
        if (body is not null) request.Content = new StringContent(body, Encoding.UTF8, contentType);
        request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse(accept));
        using var response = await fixture.Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, JsonNode.Parse(text)!);
    }

    private static string Code(JsonNode body) => body["errors"]![0]!["extensions"]!["code"]!.GetValue<string>();

    [Fact]
    public async Task Get_runs_a_query_and_reports_its_cost()
    {
        var (status, type, body) = await SendAsync(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ questions(first: 3) { nodes { id author { id } } } }"));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/graphql-response+json", type);
        Assert.Equal(3, body["data"]!["questions"]!["nodes"]!.AsArray().Count);
        // The request's permit, and one for the 3 ids, 3 authors and their ids.
        Assert.Equal("""{"requested":2,"limit":10000}""", body["extensions"]!["cost"]!.ToJsonString());
    }

    [Fact]
    public async Task A_request_never_gets_the_plan_of_another_whose_texts_join_alike()
    {
        // The same three texts cut at other places: an operation name holding a line break and what follows it.
        var planned = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"\nquery a { dataset { version } }","operationName":"a","variables":{}}""");
        Assert.Equal(HttpStatusCode.OK, planned.Status);
        Assert.NotNull(planned.Body["data"]!["dataset"]);
        var other = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"query a { dataset { version } }","operationName":"a\n{}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, other.Status);
        Assert.Equal("OPERATION_NOT_FOUND", Code(other.Body));
    }

    [Fact]
    public async Task Accept_application_json_gets_application_json()
    {
        var (status, type, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ themes { id } }"}""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
    }

    [Fact]
    public async Task A_mutation_over_get_is_405()
    {
        using var response = await fixture.Client.GetAsync("/graphql?query=" + Uri.EscapeDataString("mutation { x }"));
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Contains("POST", response.Content.Headers.Allow);
    }

    [Fact]
    public async Task A_mutation_over_post_is_a_validation_error_since_the_schema_has_none()
    {
        var (status, _, body) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"mutation { x }"}""");
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Null(body["data"]);
        Assert.Equal("OPERATION_NOT_SUPPORTED", Code(body));
    }

    [Theory]
    [InlineData("""{"query":"{ questions { "}""", HttpStatusCode.BadRequest, "SYNTAX_ERROR")]
    [InlineData("""{"query":"{ nope }"}""", HttpStatusCode.BadRequest, "FIELDS_ON_CORRECT_TYPE")]
    [InlineData("""{"query":"query($n: Int!) { questions(first: $n) { totalCount } }","variables":{"n":"x"}}""", HttpStatusCode.BadRequest, "INVALID_VALUE")]
    [InlineData("""{"query": 42}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{"query": "{ themes { id } }", "variables": [1]}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{"query":"query($id: ID!) { question(id: $id) { id } }","variables":{"id":"A","id":"B"}}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{"query":"query($f: QuestionFilter) { questions(filter: $f) { totalCount } }","variables":{"f":{"q":"a","q":"b"}}}""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{ not json""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""[{"query":"{ themes { id } }"}]""", HttpStatusCode.BadRequest, "INVALID_REQUEST")]
    [InlineData("""{}""", HttpStatusCode.BadRequest, "QUERY_MISSING")]
    [InlineData("""{"query":"{ questions(orderBy: RELEVANCE) { totalCount } }"}""", HttpStatusCode.OK, "BAD_USER_INPUT")]
    [InlineData("""{"query":"{ questions(after: \"garbage\") { totalCount } }"}""", HttpStatusCode.OK, "INVALID_CURSOR")]
    [InlineData("""{"query":"{ questions(first: 101) { totalCount } }"}""", HttpStatusCode.BadRequest, "FIRST_OUT_OF_RANGE")]
    public async Task Each_error_class_has_its_status_and_code(string body, HttpStatusCode expectedStatus, string expectedCode)
    {
        var (status, type, response) = await SendAsync(HttpMethod.Post, "/graphql", body);
        Assert.Equal(expectedStatus, status);
        Assert.Equal("application/graphql-response+json", type);
        Assert.Equal(expectedCode, Code(response));
    }

    [Fact]
    public async Task Bytes_that_are_not_utf8_are_an_invalid_request_wherever_they_are()
    {
        foreach (var body in new[] { """{"query":"{ themes { id } }","variables":{"x":"ÿ"}}""", """{"query":"{ themes { id ÿ } }"}""" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new ByteArrayContent([.. body.Select(c => (byte)c)]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } },
            };
            request.Headers.Accept.Add(MediaTypeWithQualityHeaderValue.Parse("application/graphql-response+json"));
            using var response = await fixture.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
            Assert.Equal("INVALID_REQUEST", Code(JsonNode.Parse(text)!));
        }
    }

    [Fact]
    public async Task A_validation_error_is_200_for_legacy_application_json_clients()
    {
        var (status, _, body) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ nope }"}""", accept: "application/json");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("FIELDS_ON_CORRECT_TYPE", Code(body));
    }

    [Fact]
    public async Task A_non_json_body_is_415_and_an_unacceptable_accept_is_406()
    {
        var (unsupported, _, _) = await SendAsync(HttpMethod.Post, "/graphql", "{ themes { id } }", contentType: "application/graphql");
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, unsupported);
        var (notAcceptable, _, _) = await SendAsync(HttpMethod.Post, "/graphql", """{"query":"{ themes { id } }"}""", accept: "text/csv");
        Assert.Equal(HttpStatusCode.NotAcceptable, notAcceptable);
    }

    [Fact]
    public async Task A_persisted_query_misses_then_registers_then_runs_from_its_hash_alone()
    {
        var query = "{ legislatures { number } __typename }";
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(query)));
        var extensions = Uri.EscapeDataString($$$"""{"persistedQuery":{"version":1,"sha256Hash":"{{{hash}}}"}}""");

        var (missStatus, _, miss) = await SendAsync(HttpMethod.Get, $"/graphql?extensions={extensions}");
        Assert.Equal(HttpStatusCode.OK, missStatus);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", Code(miss));

        var (wrongStatus, _, wrong) = await SendAsync(HttpMethod.Post, "/graphql",
            System.Text.Json.JsonSerializer.Serialize(new { query = "{ themes { id } }", extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } }));
        Assert.Equal(HttpStatusCode.BadRequest, wrongStatus);
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", Code(wrong));

        var (registerStatus, _, registered) = await SendAsync(HttpMethod.Post, "/graphql",
            System.Text.Json.JsonSerializer.Serialize(new { query, extensions = new { persistedQuery = new { version = 1, sha256Hash = hash } } }));
        Assert.Equal(HttpStatusCode.OK, registerStatus);

        var (hitStatus, _, hit) = await SendAsync(HttpMethod.Get, $"/graphql?extensions={extensions}");
        Assert.Equal(HttpStatusCode.OK, hitStatus);
        Assert.Equal(registered["data"]!.ToJsonString(), hit["data"]!.ToJsonString());
    }

    [Fact]
    public async Task Browsers_get_graphiql_with_the_examples_and_no_cdn()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        using var response = await fixture.Client.SendAsync(request);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("http://", html);
        Assert.DoesNotContain("https://", html);
        Assert.DoesNotContain("//cdn", html);
        Assert.Contains("LatestQuestions", html);
        foreach (var asset in new[] { "react.js", "react-dom.js", "graphiql.js", "graphiql.css" })
        {
            Assert.Contains($"/graphql/ide/{asset}", html);
            using var file = await fixture.Client.GetAsync($"/graphql/ide/{asset}");
            Assert.Equal(HttpStatusCode.OK, file.StatusCode);
            Assert.True((await file.Content.ReadAsByteArrayAsync()).Length > 1000);
        }
    }

    [Fact]
    public async Task Without_its_npm_files_the_ide_says_how_to_install_them()
    {
        await using var factory = new ApiFactory(fixture.Database.ReaderConnectionString, new Dictionary<string, string> { ["GraphQL:IdePath"] = "/nonexistent" });
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");
        using var response = await factory.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("npm install --prefix tools", await response.Content.ReadAsStringAsync());
    }
}
