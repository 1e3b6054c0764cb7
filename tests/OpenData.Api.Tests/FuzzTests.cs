using System.Net;
using System.Text;
using Dapper;
using Npgsql;
using Xunit.Abstractions;

namespace OpenData.Api.Tests;

/// <summary>
/// Ten thousand generated malformed requests: query strings, headers, JSON and GraphQL documents, with SQL-injection
/// strings, every control byte (0x00–0x1F, 0x7F) in every string parameter, header and GraphQL document or variable,
/// percent-encoded invalid UTF-8, lone surrogates in JSON, numbers of hundreds of digits, and tampered or random
/// cursors. Nothing a client sends may cause a 5xx or change the data. Each run takes a fresh seed and prints it;
/// FUZZ_SEED=n reproduces a run (FUZZ_REQUESTS=n changes its length).
/// </summary>
[StartsFirst]
public sealed class FuzzTests(DatasetFixture fixture, ITestOutputHelper output) : IClassFixture<DatasetFixture>
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
        "answeredFrom", "answeredTo", "overdue", "updatedSince", "sort", "facets", "limit", "cursor", "format", "active", "highlight",
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
        new string('9', 300), "-" + new string('9', 300), "0." + new string('0', 300) + "1",
    ];

    /// <summary>Percent-encoded bytes that are not UTF-8: a lone continuation, an overlong form, a surrogate, bytes never used.</summary>
    private static readonly string[] InvalidUtf8 = ["%C3%28", "%A0%A1", "%E2%28%A1", "%F0%28%8C%BC", "%ED%A0%80", "%C0%AF", "%FF", "%FE%FF", "%F8%88%80%80%80"];

    private static readonly string[] Cursors =
    [
        "WyItcHVibGlzaGVkQXQiLCIyMDI0LTEzLTQ1IiwiU0VRIl0", // a month 13
        "WyItcHVibGlzaGVkQXQiLCI5OTk5OTk5OTk5OTk5OTk5OTk5IiwiU0VRIl0", "WyJuYW1lIiwiXHUwMDAwIiwiIiwiIl0", "WyItc3RhcnREYXRlIiwiMjAyNC0wMS0wMSIsInh4Il0",
        "WyJkZWxheURheXMiLCJOYU4iLCJ4Il0", "WyJyZWxldmFuY2UiLCIxZTk5OSIsIngiXQ", "W10", "bnVsbA", "e30", "////", "=====",
    ];

    [Fact]
    public async Task Ten_thousand_malformed_requests_never_cause_a_server_error_nor_change_the_data()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_SEED"), out var given) ? given : Random.Shared.Next();
        var count = int.TryParse(Environment.GetEnvironmentVariable("FUZZ_REQUESTS"), out var requests) ? requests : 10_000;
        output.WriteLine($"fuzz seed {seed} ({count} requests): FUZZ_SEED={seed} ./test.sh --filter FuzzTests reproduces this run");
        var before = await FingerprintAsync();
        var random = new Random(seed);
        var failures = new List<string>();
        var statuses = new Dictionary<int, int>();

        for (var i = 0; i < count; i++)
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
            using (response)
            {
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
                if ((int)response.StatusCode >= 500) failures.Add($"{description} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }
            if (failures.Count >= 10) break;
        }

        var summary = string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"));
        output.WriteLine(summary);
        Assert.True(failures.Count == 0, $"seed {seed} (FUZZ_SEED={seed} reproduces it):\n{string.Join("\n", failures)}");
        Assert.Equal(before, await FingerprintAsync());
        // The requests reached real work, not only the router: many were answered, many rejected.
        Assert.True(statuses.GetValueOrDefault(200) > count / 20 && statuses.GetValueOrDefault(400) > count / 10, summary);
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
        var route = Routes[random.Next(Routes.Length)].Replace("{id}", Uri.EscapeDataString(Pick(random, ["SEQ240611950", "08037L", "121", "0", "-1", "x", "é", "a\u0001"])));
        var query = new StringBuilder();
        for (var p = random.Next(0, 6); p > 0; p--)
        {
            var name = Names[random.Next(Names.Length)];
            query.Append(query.Length == 0 ? '?' : '&').Append(random.Next(5) == 0 ? name : Uri.EscapeDataString(name)).Append('=').Append(RandomValue(random));
        }
        var method = route == "/graphql" && random.Next(2) == 0 ? HttpMethod.Post : random.Next(20) == 0 ? HttpMethod.Head : HttpMethod.Get;
        var request = new HttpRequestMessage(method, route + query);
        if (method == HttpMethod.Post)
        {
            // Now and then bytes that are not UTF-8 at all inside the JSON.
            request.Content = new ByteArrayContent(random.Next(15) == 0
                ? [.. "{\"query\":\"{ dataset "u8, 0xFF, 0xFE, 0xC3, .. "}\"}"u8]
                : Encoding.UTF8.GetBytes(RandomJson(random)));
            request.Content.Headers.TryAddWithoutValidation("Content-Type", Pick(random, ["application/json", "application/json", "application/graphql", "text/plain", "application/json; charset=latin1", "multipart/form-data", ";"]));
        }
        if (random.Next(3) == 0) request.Headers.TryAddWithoutValidation("Accept", Pick(random, ["text/csv", "text/*", "*/*", "application/xml", "text/html", "application/x-ndjson;q=0.5, */*;q=0", "garbage/", ";;;", "application/graphql-response+json", "application/json" + ControlCharacter(random)]));
        if (random.Next(5) == 0) request.Headers.TryAddWithoutValidation("If-None-Match", Pick(random, ["*", "W/\"1-json\"", "\"", "garbage", "W/\"" + new string('9', 40) + "\"", "\"a" + ControlCharacter(random) + "\""]));
        if (random.Next(5) == 0) request.Headers.TryAddWithoutValidation("If-Modified-Since", Pick(random, ["yesterday", "Thu, 01 Jan 1970 00:00:00 GMT", "Sat, 31 Dec 9999 23:59:59 GMT", "0", new string('9', 300)]));
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("X-Forwarded-For", Pick(random, ["1.2.3.4", "::1, 10.0.0.1", "not-an-ip", "999.999.999.999", "1.2.3.4" + ControlCharacter(random)]));
        if (random.Next(8) == 0) request.Headers.TryAddWithoutValidation("Accept-Encoding", Pick(random, ["br", "gzip, deflate", "identity;q=0", "zzz", "gzip" + ControlCharacter(random)]));
        if (random.Next(10) == 0) request.Headers.TryAddWithoutValidation("X-Api-Key", Pick(random, ["od_" + new string('A', 43), "od_x", "", "od_" + ControlCharacter(random), new string('k', 300)]));
        return request;
    }

    /// <summary>A query-string value: text, a hostile string, a control byte, invalid UTF-8, a huge number or a cursor.</summary>
    private static string RandomValue(Random random)
    {
        var value = random.Next(8) switch
        {
            0 or 1 => Uri.EscapeDataString(Pick(random, Hostile)),
            2 => Uri.EscapeDataString(RandomText(random) + ControlCharacter(random) + RandomText(random)),
            3 => RandomText(random).Length > 0 ? Pick(random, InvalidUtf8) + Uri.EscapeDataString(RandomText(random)) : Pick(random, InvalidUtf8),
            4 => (random.Next(2) == 0 ? "-" : "") + new string((char)('1' + random.Next(9)), random.Next(20, 400)),
            5 => Pick(random, Cursors) + (random.Next(3) == 0 ? Pick(random, ["%00", "%C3", "=="]) : ""),
            _ => Uri.EscapeDataString(RandomText(random)),
        };
        return random.Next(6) == 0 ? value.Replace("%20", "+") : value;
    }

    /// <summary>One of the C0 controls or DEL.</summary>
    private static string ControlCharacter(Random random)
    {
        var b = random.Next(33);
        return ((char)(b == 32 ? 0x7F : b)).ToString();
    }

    private static string RandomJson(Random random) => random.Next(16) switch
    {
        0 => "[" + string.Join(',', Enumerable.Repeat("{\"query\":\"{ dataset { version } }\"}", random.Next(1, 50))) + "]",
        1 => "{\"query\": 12, \"variables\": \"x\"}",
        2 => "{\"query\":\"query($f: QuestionFilter) { questions(filter: $f) { totalCount } }\",\"variables\":{\"f\":{\"q\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + ",\"legislature\":\"x\"}}}",
        3 => "{\"query\":\"{ questions(first: " + Pick(random, ["-1", "0", "101", "2147483648", "\\\"x\\\"", new string('9', 300), "1.5", "1e400"]) + ") { nodes { id } } }\"}",
        4 => "{\"extensions\":{\"persistedQuery\":{\"version\":1,\"sha256Hash\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + "}}}",
        5 => new string('[', random.Next(1, 5000)),
        6 => "{\"query\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile)) + "}",
        7 => "",
        8 => "{\"query\":\"{ question(id: " + System.Text.Json.JsonSerializer.Serialize(System.Text.Json.JsonSerializer.Serialize(Pick(random, Hostile))).Trim('"') + ") { id } }\"}",
        // A control byte inside the document, escaped in JSON as clients send it.
        9 => "{\"query\":" + System.Text.Json.JsonSerializer.Serialize("{ dataset { version" + ControlCharacter(random) + "} questions(first: 2, filter: {q: \"a" + ControlCharacter(random) + "\"}) { totalCount } }") + "}",
        // A control byte, or a NUL, in a variable.
        10 => "{\"query\":\"query($q: String, $s: ID) { questions(first: 1, filter: {q: $q, senator: $s}) { totalCount } }\",\"variables\":" +
              System.Text.Json.JsonSerializer.Serialize(new { q = "x" + ControlCharacter(random), s = ControlCharacter(random) }) + "}",
        // Lone surrogates, as JSON escapes, in the document, a variable, the operation name.
        11 => Pick(random, ["{\"query\":\"{ dataset { version } }\\ud800\"}", "{\"query\":\"query($q: String) { questions(filter: {q: $q}) { totalCount } }\",\"variables\":{\"q\":\"\\udc00x\"}}", "{\"query\":\"{ dataset { version } }\",\"operationName\":\"\\ud83d\"}"]),
        // Numbers of hundreds of digits in variables.
        12 => "{\"query\":\"query($n: Int, $m: Int) { questions(first: $n, filter: {legislature: $m}) { totalCount } }\",\"variables\":{\"n\":" + new string('9', random.Next(20, 400)) + ",\"m\":-" + new string('8', 300) + "}}",
        // A tampered or random cursor as after.
        13 => "{\"query\":\"query($a: String) { " + Pick(random, ["questions", "answers", "senators", "ministries"]) + "(first: 2, after: $a) { totalCount } }\",\"variables\":{\"a\":" + System.Text.Json.JsonSerializer.Serialize(Pick(random, Cursors)) + "}}",
        14 => "{\"query\":\"\"}",
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
