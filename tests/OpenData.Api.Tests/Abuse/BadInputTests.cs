using System.Buffers.Text;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace OpenData.Api.Tests.Abuse;

/// <summary>Observation 6: tampered cursors, NUL bytes and control characters were 500s. Each is a client error now.</summary>
[Collection(AbuseCollection.Name)]
public sealed class BadInputTests(AbuseFixture fixture)
{
    /// <summary>Each list and order, and which keys of its cursors are typed (dates, numbers) rather than text.</summary>
    private static readonly (string List, bool[] Typed)[] Lists =
    [
        ("/v1/questions?", [true, false]), ("/v1/questions?sort=publishedAt&", [true, false]), ("/v1/questions?sort=-answeredAt&", [true, false]),
        ("/v1/questions?sort=answerDelayDays&", [true, false]), ("/v1/questions?sort=-answerDelayDays&", [true, false]),
        ("/v1/questions?q=commune&sort=relevance&", [true, false]), // a real: 1e23 is a rank like any other, "NaN" is not ("/v1/answers?", [true, false]), ("/v1/answers?sort=publishedAt&", [true, false]),
        ("/v1/answers?sort=delayDays&", [true, false]), ("/v1/answers?sort=-delayDays&", [true, false]),
        ("/v1/senators?", [false, false, false]), ("/v1/ministries?", [true, true]),
    ];

    /// <summary>Values no key can hold: NUL, a lone surrogate, JSON that is neither text nor a number, text past the limit.</summary>
    private static readonly string[] NeverKeys = ["\"\\u0000\"", "\"a\\ud800b\"", "true", "null", "{}", "[]", "\"" + new string('x', 600) + "\""];

    /// <summary>Values a text key may hold, but no date or number key.</summary>
    private static readonly string[] NotTypedKeys = ["\"2024-13-45\"", "\"99999999999999999999999\"", "\"NaN\"", "\"1e999\"", "1e400", "\"-\"", "\"\"", "\"x\""];

    [Fact]
    public async Task Tampered_and_random_cursors_are_400s_on_every_list_and_order()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        var random = new Random(20261130);
        var failures = new List<string>();
        var accepted = 0;
        foreach (var (list, typed) in Lists)
        {
            var first = JsonNode.Parse(await client.GetStringAsync(list + "limit=1"))!;
            var cursor = first["meta"]!["nextCursor"]!.GetValue<string>();
            var parts = JsonNode.Parse(Base64Url.DecodeFromChars(cursor))!.AsArray().Select(p => p!.ToJsonString()).ToList();
            var tampered = new List<(string Value, bool Rejected)>();
            for (var key = 1; key < parts.Count; key++)
            {
                foreach (var bad in NeverKeys) tampered.Add((Encode(parts.Select((p, j) => j == key ? bad : p)), true));
                foreach (var bad in NotTypedKeys)
                    tampered.Add((Encode(parts.Select((p, j) => j == key ? bad : p)), typed[key - 1] && !(list.Contains("relevance") && bad.StartsWith("\"999", StringComparison.Ordinal))));
            }
            tampered.Add((Encode(parts.Append("\"x\"")), true));
            tampered.Add((Encode(parts.Take(parts.Count - 1)), true));
            tampered.Add((Encode(["\"another-sort\"", .. parts.Skip(1)]), true));
            for (var i = 0; i < 20; i++) tampered.Add((Base64Url.EncodeToString(RandomBytes(random)), true));
            tampered.Add((cursor + "%00", true));

            foreach (var (value, rejected) in tampered)
            {
                var url = list + "cursor=" + (value.EndsWith("%00") ? value : Uri.EscapeDataString(value));
                var response = await client.GetAsync(url);
                if (rejected ? response.StatusCode != HttpStatusCode.BadRequest : (int)response.StatusCode >= 500) failures.Add($"{(int)response.StatusCode} {url}");
                if (!rejected && response.IsSuccessStatusCode) accepted++;
            }
        }
        Assert.True(accepted > 0, "no odd text key was read as a key: the test does not reach the lists");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Tampered_cursors_are_graphql_errors_never_server_errors()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        foreach (var field in new[] { "questions", "answers", "senators", "ministries" })
        {
            var first = JsonNode.Parse(await (await client.PostAsync("/graphql", GraphQLAbuseTests.Json($"{{ {field}(first: 1) {{ pageInfo {{ endCursor }} }} }}"))).Content.ReadAsStringAsync())!;
            var cursor = first["data"]![field]!["pageInfo"]!["endCursor"]!.GetValue<string>();
            var parts = JsonNode.Parse(Base64Url.DecodeFromChars(cursor))!.AsArray().Select(p => p!.ToJsonString()).ToList();
            foreach (var bad in field == "senators" ? NeverKeys : NeverKeys.Concat(NotTypedKeys))
            {
                var after = Encode(parts.Select((p, j) => j == 1 ? bad : p));
                var response = await client.PostAsync("/graphql", GraphQLAbuseTests.Json($"query($after: String) {{ {field}(first: 1, after: $after) {{ totalCount }} }}", new { after }));
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                Assert.True((int)response.StatusCode < 500 && body["errors"] is JsonArray { Count: > 0 }, $"{field} after {after}: {(int)response.StatusCode} {body.ToJsonString()}");
            }
        }
    }

    [Fact]
    public async Task A_nul_byte_in_any_parameter_of_any_route_is_a_400_naming_it()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        var document = JsonNode.Parse(await client.GetStringAsync("/openapi/v1.json"))!;
        var failures = new List<string>();
        var checkedParameters = 0;
        foreach (var (path, item) in document["paths"]!.AsObject())
        {
            if (item!["get"] is not { } get || path.StartsWith("/graphql", StringComparison.Ordinal)) continue;
            var route = path.Replace("{id}", "1");
            foreach (var parameter in get["parameters"]?.AsArray() ?? [])
            {
                if (parameter!["in"]?.GetValue<string>() != "query") continue; // the Max-Cost header is a reference
                var name = parameter["name"]!.GetValue<string>();
                checkedParameters++;
                var response = await client.GetAsync($"{route}?{name}=a%00b");
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode is not (HttpStatusCode.BadRequest or HttpStatusCode.NotFound) || !body.Contains($"\"{name}\"", StringComparison.Ordinal) && response.StatusCode == HttpStatusCode.BadRequest)
                    failures.Add($"{route}?{name}=a%00b: {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
        }
        Assert.True(checkedParameters > 50, $"only {checkedParameters} parameters found in the OpenAPI document");
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task A_nul_byte_in_a_path_is_a_400()
    {
        await using var api = new KestrelApi(fixture.Database.ReaderConnectionString);
        using var client = api.ClientFrom("127.0.0.31");
        foreach (var path in new[] { "/v1/questions/a%00b", "/v1/senators/a%00b/questions", "/v1/ministries/1%00", "/v1/questions%00" })
            Assert.Equal(HttpStatusCode.BadRequest, (await client.GetAsync(path)).StatusCode);
    }

    [Fact]
    public async Task Control_characters_anywhere_in_a_graphql_document_are_client_errors()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        string[] templates =
        [
            "{ dataset { version X } }", "X", "{X}", "{ question(id: \"aXb\") { id } }", "{ question(id: \"\"\"aXb\"\"\") { id } }", "# cX\n{ dataset { version } }",
            "{ dataset { versionX } }", "{ dataset(X) { version } }", "query X { dataset { version } }", "{ dataset { version } }X", "{ ...X }",
            "{ dataset { version } }\rX", "\rX{ dataset { version } }", "{ q: question(id: 1X) { id } }", "{ dataset @X { version } }",
        ];
        var failures = new List<string>();
        foreach (var template in templates)
            foreach (var c in Enumerable.Range(0, 32).Append(0x7F).Select(b => (char)b))
            {
                var query = template.Replace("X", c.ToString(), StringComparison.Ordinal);
                foreach (var request in new[]
                {
                    new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = GraphQLAbuseTests.Json(query) },
                    new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString(query)),
                })
                {
                    var response = await client.SendAsync(request);
                    if ((int)response.StatusCode >= 500) failures.Add($"{request.Method} U+{(int)c:X4} in {JsonSerializer.Serialize(template)}: {(int)response.StatusCode}");
                }
            }
        Assert.True(failures.Count == 0, string.Join("\n", failures.Take(20)));
    }

    [Fact]
    public async Task Json_bodies_with_lone_surrogates_and_huge_numbers_are_400s()
    {
        await using var api = new ApiFactory(fixture.Database.ReaderConnectionString);
        var client = api.CreateClient();
        foreach (var body in new[]
        {
            """{"query":"{ dataset { version } }\ud800"}""", """{"query":"{ dataset { version } }","operationName":"\udc00"}""",
            """{"query":"query($q: String) { questions(filter: {q: $q}) { totalCount } }","variables":{"q":"a\ud800"}}""",
            """{"query":"query($n: Int) { questions(first: $n) { totalCount } }","variables":{"n":""" + new string('9', 400) + "}}",
            """{"query":"{ questions(first: """ + new string('9', 400) + """) { totalCount } }"}""",
        })
        {
            var response = await client.PostAsync("/graphql", new StringContent(body, Encoding.UTF8, "application/json"));
            var text = await response.Content.ReadAsStringAsync();
            Assert.True((int)response.StatusCode < 500 && text.Contains("\"errors\"", StringComparison.Ordinal), $"{body[..Math.Min(80, body.Length)]}: {(int)response.StatusCode} {text}");
        }
    }

    private static string Encode(IEnumerable<string> jsonParts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes("[" + string.Join(',', jsonParts) + "]"));

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(1, 120)];
        random.NextBytes(bytes);
        return bytes;
    }
}
