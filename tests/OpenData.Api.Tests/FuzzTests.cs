using System.Net;
using System.Text;
using Dapper;
using Npgsql;

namespace OpenData.Api.Tests;

/// <summary>
/// Thousands of generated malformed requests: query strings, headers, JSON and GraphQL documents, with
/// SQL-injection strings in every parameter. Nothing a client sends may cause a 5xx or change the data.
/// Deterministic: a fixed seed, so a failure reproduces.
/// </summary>
public sealed class FuzzTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private static readonly string[] Routes =
    [
        "/v1/questions", "/v1/questions/{id}", "/v1/answers", "/v1/senators", "/v1/senators/{id}", "/v1/senators/{id}/questions",
        "/v1/ministries", "/v1/ministries/{id}", "/v1/ministries/{id}/questions", "/v1/themes", "/v1/groups", "/v1/legislatures",
        "/v1/stats/ministries", "/v1/stats/timeline", "/v1/dataset", "/graphql",
    ];

    private static readonly string[] Names =
    [
        "q", "senator", "ministry", "lineage", "nature", "status", "legislature", "theme", "group", "publishedFrom", "publishedTo",
        "answeredFrom", "answeredTo", "overdue", "updatedSince", "sort", "facets", "limit", "cursor", "format", "active",
        "constituency", "current", "interval", "from", "to", "query", "variables", "operationName", "extensions", "x", "", "limit[]", "q%00",
    ];

    private static readonly string[] Hostile =
    [
        "' OR 1=1 --", "'; DROP TABLE opendata.questions; --", "1; SELECT pg_sleep(10)", "$$; DELETE FROM opendata.senators; $$",
        "\") OR (\"a\"=\"a", "1 UNION SELECT rolpassword FROM pg_authid", "%27%3B--", "\\", "\\\\'", "'''", "\0", "%00", "\u0000abc",
        "-1", "0", "2147483648", "-9223372036854775809", "99999999999999999999999", "1e309", "NaN", "true", "TRUE", "null", "[]", "{}",
        "2024-02-30", "0000-00-00", "9999-12-31", "2024-1-1", "１２３", "désertification", "Ωμέγα", "🙂🙂🙂", "\u202e", "<script>alert(1)</script>",
        "{ __schema { types { name } } }", "{ questions(first: 100000) { nodes { id } } }", "query { question(id: \"x\") { id", "mutation { x }",
        "WyJzb3J0IiwxLDIsM10", "@@@@", "!~*&|", "((((((((", "a:b:c", new string('a', 600), new string('(', 3000),
    ];

    [Fact]
    public async Task Thousands_of_malformed_requests_never_cause_a_server_error_nor_change_the_data()
    {
        var before = await FingerprintAsync();
        var random = new Random(20261128);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < 2500; i++)
        {
            var request = RandomRequest(random);
            var description = $"{request.Method} {request.RequestUri} [{string.Join("; ", request.Headers.Select(h => $"{h.Key}: {string.Join(',', h.Value)}"))}]";
            HttpResponseMessage response;
            try
            {
                response = await fixture.Client.SendAsync(request);
            }
            catch (Exception e)
            {
                failures.Add($"{description} -> {e.GetType().Name}: {e.Message}");
                continue;
            }
            statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            if ((int)response.StatusCode >= 500) failures.Add($"{description} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            if (failures.Count >= 10) break;
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync());
        // The requests reached real work, not only the router: many were answered, many rejected.
        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        Assert.True(statuses.GetValueOrDefault(200) > 250 && statuses.GetValueOrDefault(400) > 250, summary);
    }

    [Theory]
    [InlineData(50)]
    [InlineData(500)]
    [InlineData(5_000)]
    public async Task Graphql_documents_nested_past_any_limit_are_client_errors(int depth)
    {
        var document = "{ questions { nodes { " + string.Concat(Enumerable.Repeat("author { questions { nodes { ", depth)) + "id" + new string('}', depth * 3 + 3);
        var body = "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(document) + "}";
        var response = await fixture.Client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
        // A GraphQL error (200 for plain application/json clients), a 400, or a 413 past the body limit; never a 5xx.
        Assert.InRange((int)response.StatusCode, 200, 499);
        if (response.StatusCode == HttpStatusCode.OK) Assert.Contains("\"errors\"", await response.Content.ReadAsStringAsync());
    }

    private static HttpRequestMessage RandomRequest(Random random)
    {
        var route = Routes[random.Next(Routes.Length)].Replace("{id}", Uri.EscapeDataString(Pick(random, ["SEQ240611950", "08037L", "121", "0", "-1", "x"])));
        var query = new StringBuilder();
        for (var p = random.Next(0, 6); p > 0; p--)
        {
            var name = Names[random.Next(Names.Length)];
            var value = random.Next(3) == 0 ? Hostile[random.Next(Hostile.Length)] : RandomText(random);
            query.Append(query.Length == 0 ? '?' : '&').Append(random.Next(5) == 0 ? name : Uri.EscapeDataString(name))
                .Append('=').Append(random.Next(6) == 0 ? value.Replace(" ", "+") : Uri.EscapeDataString(value));
        }
        var method = route == "/graphql" && random.Next(2) == 0 ? HttpMethod.Post : HttpMethod.Get;
        var request = new HttpRequestMessage(method, route + query);
        if (method == HttpMethod.Post)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(RandomJson(random)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", Pick(random, ["application/json", "application/graphql", "text/plain", "application/json; charset=latin1", "multipart/form-data", ";"]));
        }
        if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["text/csv", "*/*", "application/xml", "text/html", "application/x-ndjson;q=0.5, */*;q=0", "garbage/", ";;;", "application/graphql-response+json"]));
        if (random.Next(5) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, ["*", "W/\"1-json\"", "\"", "garbage", "W/\"" + new string('9', 40) + "\""]));
        if (random.Next(5) == 0) request.Headers.TryAddWithoutValidation("If-Modified-Since", Pick(random, ["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 31 Dec 9999 23:59:59 GMT", "0"]));
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("X-Forwarded-For", Pick(random, ["1.2.3.4", "::1, 10.0.0.1", "not-an-ip", "999.999.999.999"]));
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", Pick(random, ["br", "gzip, deflate", "identity;q=0", "zzz"]));
        return request;
    }

    private static string RandomJson(Random random) => random.Next(10) switch
    {
        0 => "[" + string.Join(',', Enumerable.Repeat("{\"query\":\"{ dataset { version } }\"}", random.Next(1, 50))) + "]",
        1 => "{\"query\": 12, \"variables\": \"x\"}",
        2 => "{\"query\":\"query($f: QuestionFilter) { questions(filter: $f) { totalCount } }\",\"variables\":{\"f\":{\"q\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + ",\"legislature\":\"x\"}}}",
        3 => "{\"query\":\"{ questions(first: " + Pick(random, ["-1", "0", "101", "2147483648", "\\\"x\\\""]) + ") { nodes { id } } }\"}",
        4 => "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + "}}}",
        5 => new string('[', random.Next(1, 5000)),
        6 => "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + "}",
        7 => "",
        8 => "{\"query\":\"{ question(id: " + System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile))).Trim('"') + ") { id } }\"}",
        _ => RandomText(random),
    };

    private static string RandomText(Random random)
    {
        const string alphabet = "abcdefghijklmnopqrstuvwxyzéèàç0123456789-_.,;:'\"%&=+/?#[]{}()<>\\| \t";
        var length = random.Next(0, 40);
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++) builder.Append(alphabet[random.Next(alphabet.Length)]);
        return builder.ToString();
    }

    private static string Pick(Random random, string[] values) => values[random.Next(values.Length)];

    private async Task<string> FingerprintAsync()
    {
        await using var connection = new NpgsqlConnection(fixture.Database.OwnerConnectionString);
        return await connection.QuerySingleAsync<string>("""
            SELECT concat_ws('/', (SELECT version FROM opendata.dataset),
                (SELECT md5(string_agg(encode(content_hash, 'hex'), '' ORDER BY id)) FROM opendata.questions),
                (SELECT md5(string_agg(encode(content_hash, 'hex'), '' ORDER BY id)) FROM opendata.senators),
                (SELECT md5(string_agg(encode(content_hash, 'hex'), '' ORDER BY question_id)) FROM opendata.answers),
                (SELECT count(*) FROM pg_tables WHERE schemaname NOT IN ('pg_catalog', 'information_schema')))
            """);
    }
}
