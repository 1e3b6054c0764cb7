using System.Text.Json.Nodes;

namespace OpenData.Api.Tests;

/// <summary>
/// Every property a REST representation declares in the contract is filled: over the whole test dataset, some answer gives
/// it a value (not null, not an empty list). A property added to a response record but not read from its row (a record
/// property left at its default) is named here, as EveryFieldTests names a GraphQL field without SQL.
/// </summary>
public sealed class EveryRestFieldTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private static readonly JsonNode Schemas = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractTests.RepositoryRoot(), "openapi/v1.json")))!["components"]!["schemas"]!;

    /// <summary>The properties the generated test dataset leaves null everywhere, with why.</summary>
    private static readonly Dictionary<string, string> Unfilled = new(StringComparer.Ordinal)
    {
        ["AnswerResponse.url"] = "generated answers have no page on senat.fr (null in each, as generated questions' but the one real question's)",
    };

    [Theory]
    [InlineData("QuestionResponse", "/v1/questions?format=ndjson", "/v1/questions?q=commune&highlight=true&limit=5")]
    [InlineData("AnswerResponse", "/v1/answers?format=ndjson")]
    [InlineData("SenatorResponse", "/v1/senators?format=ndjson")]
    [InlineData("MinistryResponse", "/v1/ministries?format=ndjson")]
    [InlineData("ThemeResponse", "/v1/themes")]
    [InlineData("GroupResponse", "/v1/groups")]
    [InlineData("LegislatureResponse", "/v1/legislatures")]
    [InlineData("TwinGroupResponse", "/v1/twins?limit=200")]
    public async Task Each_property_of_a_representation_has_a_value_in_some_answer(string schema, params string[] urls) =>
        await AssertFilledAsync(schema, new HashSet<string>(), urls);

    [Fact]
    public async Task Each_property_a_question_s_detail_adds_has_a_value_in_some_detail()
    {
        // Its question is the list's and its answer the answers' (each checked over the whole dataset above).
        var inherited = Declared(Schemas["QuestionResponse"]!, "").Concat(Declared(Schemas["AnswerResponse"]!, "answer")).ToHashSet();
        var reminded = await fixture.Database.ScalarAsync<string>("SELECT reminds_question_id FROM opendata.questions WHERE reminds_question_id IS NOT NULL ORDER BY id LIMIT 1");
        var answered = await fixture.Database.ScalarAsync<string>("SELECT question_id FROM opendata.answers ORDER BY question_id LIMIT 1");
        await AssertFilledAsync("QuestionDetailResponse", inherited, $"/v1/questions/{reminded}", $"/v1/questions/{answered}", "/v1/questions/SEQ240611950");
    }

    private async Task AssertFilledAsync(string schema, IReadOnlySet<string> inherited, params string[] urls)
    {
        var filled = new HashSet<string>(StringComparer.Ordinal);
        foreach (var url in urls)
            foreach (var item in await ItemsAsync(url))
                Collect(item, "", filled);

        var declared = Declared(Schemas[schema]!, "").Where(path => !inherited.Contains(path) && !Unfilled.ContainsKey($"{schema}.{path}")).ToList();
        Assert.True(declared.Count >= 3, $"{schema}: {declared.Count} properties");
        Assert.Empty(declared.Where(path => !filled.Contains(path)).Select(path => $"{schema}.{path} has no value in any answer of {string.Join(", ", urls)}"));
    }

    /// <summary>The items an answer holds: the lines of an export, the data of a list, or the resource itself.</summary>
    private async Task<IEnumerable<JsonNode>> ItemsAsync(string url)
    {
        var text = await fixture.Client.GetStringAsync(url);
        if (url.Contains("format=ndjson", StringComparison.Ordinal))
            return text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(line => JsonNode.Parse(line)!);
        var answer = JsonNode.Parse(text)!;
        return answer["data"] is JsonArray data ? data.Select(item => item!) : [answer];
    }

    /// <summary>The paths of the properties that hold a value (an item of a list adds its own under the list's path).</summary>
    private static void Collect(JsonNode? node, string path, HashSet<string> filled)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (name, value) in o)
                    if (value is not null && value is not JsonArray { Count: 0 })
                    {
                        var inner = path.Length == 0 ? name : $"{path}.{name}";
                        filled.Add(inner);
                        Collect(value, inner, filled);
                    }
                break;
            case JsonArray a:
                foreach (var item in a) Collect(item, path, filled);
                break;
        }
    }

    /// <summary>The paths of the properties a schema declares, through the objects and lists of objects it refers to.</summary>
    private static IEnumerable<string> Declared(JsonNode schema, string path, int depth = 0)
    {
        schema = Resolve(schema);
        foreach (var part in schema["allOf"]?.AsArray() ?? [])
            foreach (var inner in Declared(part!, path, depth)) yield return inner;
        foreach (var (name, property) in schema["properties"]?.AsObject() ?? [])
        {
            var inner = path.Length == 0 ? name : $"{path}.{name}";
            yield return inner;
            var target = Resolve(property!);
            if (target["type"]?.GetValue<string>() == "array" && target["items"] is { } items) target = Resolve(items);
            if (depth < 2 && (target["properties"] is not null || target["allOf"] is not null))
                foreach (var nested in Declared(target, inner, depth + 1)) yield return nested;
        }
    }

    private static JsonNode Resolve(JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference) return Schemas[reference["#/components/schemas/".Length..]]!;
        return schema["allOf"] is JsonArray { Count: 1 } parts && schema["properties"] is null ? Resolve(parts[0]!) : schema;
    }
}
