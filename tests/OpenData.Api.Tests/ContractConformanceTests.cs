using System.Text.Json.Nodes;

namespace OpenData.Api.Tests;

/// <summary>
/// Live answers checked against the committed contract (openapi/v1.json), as a typed client generated from it reads
/// them: every required property present, null only where the schema says nullable, each value of its schema's type;
/// and every example the contract documents, as the same check reads it.
/// </summary>
public sealed class ContractConformanceTests(DatasetFixture fixture) : IClassFixture<DatasetFixture>
{
    private static readonly JsonNode Document = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractTests.RepositoryRoot(), "openapi/v1.json")))!;

    [Theory]
    [InlineData("/v1/questions", "/v1/questions?limit=50&facets=status,nature")]
    [InlineData("/v1/questions", "/v1/questions?q=eau&highlight=true&limit=20")]
    [InlineData("/v1/questions/{id}", "/v1/questions/SEQ240611950")]
    [InlineData("/v1/answers", "/v1/answers?limit=50")]
    [InlineData("/v1/senators", "/v1/senators?limit=50")]
    [InlineData("/v1/senators/{id}", "/v1/senators/08037L")]
    [InlineData("/v1/senators/{id}/questions", "/v1/senators/08037L/questions")]
    [InlineData("/v1/ministries", "/v1/ministries?limit=50")]
    [InlineData("/v1/ministries/{id}", "/v1/ministries/900")]
    [InlineData("/v1/ministries/{id}/questions", "/v1/ministries/900/questions?lineage=true")]
    [InlineData("/v1/themes", "/v1/themes")]
    [InlineData("/v1/groups", "/v1/groups")]
    [InlineData("/v1/legislatures", "/v1/legislatures")]
    [InlineData("/v1/stats/ministries", "/v1/stats/ministries")]
    [InlineData("/v1/stats/timeline", "/v1/stats/timeline")]
    [InlineData("/v1/dataset", "/v1/dataset")]
    [InlineData("/v1/changes", "/v1/changes?limit=50")]
    [InlineData("/v1/questions/{id}/similar", "/v1/questions/SEQ240611950/similar")]
    [InlineData("/v1/twins", "/v1/twins?limit=50&facets=group")]
    [InlineData("/health/ready", "/health/ready")]
    public async Task Answers_hold_what_the_contract_promises(string path, string url)
    {
        var schema = Document["paths"]![path]!["get"]!["responses"]!["200"]!["content"]!["application/json"]!["schema"]!;
        var answer = JsonNode.Parse(await fixture.Client.GetStringAsync(url));
        var problems = new List<string>();
        Check(schema, answer, "$", problems);
        Assert.True(problems.Count == 0, $"{url}:\n{string.Join('\n', problems.Take(20))}");
    }

    [Fact]
    public void Every_answer_schema_lists_its_properties_as_required_but_those_sent_only_when_asked_for()
    {
        var schemas = Document["components"]!["schemas"]!.AsObject();
        var optional = schemas.Where(s => s.Key is not ("GraphQLRequestDoc" or "KeyRequest" or "ProblemDetails" or "HttpValidationProblemDetails"))
            .SelectMany(s => (s.Value!["properties"] as JsonObject ?? []).Select(p => p.Key)
                .Except(s.Value["required"]?.AsArray().Select(r => r!.GetValue<string>()) ?? []).Select(p => $"{s.Key}.{p}"))
            .Order(StringComparer.Ordinal).ToList();
        // facets with facets=…, highlight with highlight=true (never on a similar question, a question like any list's): left out otherwise.
        Assert.Equal(["ListMeta.facets", "QuestionDetailResponse.highlight", "QuestionResponse.highlight", "SimilarQuestionResponse.highlight"], optional);
    }

    [Fact]
    public void Every_operation_documents_the_statuses_the_api_sends_with_their_headers()
    {
        foreach (var (path, item) in Document["paths"]!.AsObject().Where(p => p.Key.StartsWith("/v1/", StringComparison.Ordinal) && p.Value!["get"] is not null))
        {
            var responses = item!["get"]!["responses"]!.AsObject();
            // An Atom feed is Atom whatever the Accept header: no 406.
            string[] statuses = path.EndsWith(".atom", StringComparison.Ordinal) ? ["200", "304", "400", "401", "429", "503"] : ["200", "304", "400", "401", "406", "429", "503"];
            Assert.All(statuses, status => Assert.True(responses.ContainsKey(status), $"{path}: no {status}"));
            Assert.True(responses["200"]!["headers"]!.AsObject().ContainsKey("ETag"), $"{path}: 200 without ETag");
            Assert.True(responses["429"]!["headers"]!.AsObject().ContainsKey("Retry-After"), $"{path}: 429 without Retry-After");
            Assert.True(responses["503"]!["headers"]!.AsObject().ContainsKey("Retry-After"), $"{path}: 503 without Retry-After");
        }
    }

    [Fact]
    public void Every_documented_example_holds_to_its_schema()
    {
        var problems = new List<string>();
        var examples = 0;
        void Example(JsonNode schema, JsonNode? example, string at)
        {
            examples++;
            Check(schema, example, at, problems);
        }
        foreach (var (name, schema) in Document["components"]!["schemas"]!.AsObject())
        {
            if (schema!.AsObject().TryGetPropertyValue("example", out var whole)) Example(schema, whole, name);
            foreach (var (property, propertySchema) in schema["properties"] as JsonObject ?? [])
                if (propertySchema!.AsObject().TryGetPropertyValue("example", out var example)) Example(propertySchema, example, $"{name}.{property}");
        }
        foreach (var (path, item) in Document["paths"]!.AsObject())
            foreach (var (method, operation) in item!.AsObject())
            {
                foreach (var parameter in operation!["parameters"]?.AsArray() ?? [])
                    if (parameter!.AsObject().TryGetPropertyValue("example", out var example) && parameter["schema"] is { } schema)
                        Example(schema, example, $"{method} {path} {parameter["name"]}");
                foreach (var (type, content) in operation["requestBody"]?["content"]?.AsObject() ?? [])
                    if (content!.AsObject().TryGetPropertyValue("example", out var example) && content["schema"] is { } schema)
                        Example(schema, example, $"{method} {path} body ({type})");
            }
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        Assert.True(examples > 100, $"only {examples} examples checked"); // 117 when this was written
    }

    private static void Check(JsonNode schema, JsonNode? value, string at, List<string> problems)
    {
        schema = Resolve(schema);
        if (value is null)
        {
            if (schema["nullable"]?.GetValue<bool>() != true) problems.Add($"{at}: null, not nullable");
            return;
        }
        switch (schema["type"]?.GetValue<string>())
        {
            case "object" or null when schema["properties"] is JsonObject properties:
                if (value is not JsonObject obj)
                {
                    problems.Add($"{at}: not an object");
                    return;
                }
                foreach (var required in schema["required"]?.AsArray() ?? [])
                    if (!obj.ContainsKey(required!.GetValue<string>())) problems.Add($"{at}.{required}: required, absent");
                foreach (var (name, property) in properties)
                    if (obj.TryGetPropertyValue(name, out var child)) Check(property!, child, $"{at}.{name}", problems);
                foreach (var name in obj.Select(p => p.Key).Where(n => !properties.ContainsKey(n)))
                    if (schema["additionalProperties"] is JsonValue { } allowed && !allowed.GetValue<bool>()) problems.Add($"{at}.{name}: not in the contract");
                break;
            case "object" when schema["additionalProperties"] is JsonObject values:
                if (value is not JsonObject map) problems.Add($"{at}: not an object");
                else foreach (var (name, child) in map) Check(values, child, $"{at}.{name}", problems);
                break;
            case "array":
                if (value is not JsonArray array) problems.Add($"{at}: not an array");
                else for (var i = 0; i < Math.Min(array.Count, 50); i++) Check(schema["items"]!, array[i], $"{at}[{i}]", problems);
                break;
            case "string" when value.GetValueKind() != System.Text.Json.JsonValueKind.String:
            case "integer" or "number" when value.GetValueKind() != System.Text.Json.JsonValueKind.Number:
            case "boolean" when value.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False):
                problems.Add($"{at}: {value.GetValueKind()}, the contract says {schema["type"]}");
                break;
        }
    }

    /// <summary>A schema with its $ref followed, and an allOf of one reference (a described property) as that reference, nullable kept.</summary>
    private static JsonNode Resolve(JsonNode schema)
    {
        if (schema["$ref"]?.GetValue<string>() is { } reference)
            return Resolve(Document["components"]!["schemas"]![reference.Split('/')[^1]]!);
        if (schema["allOf"] is JsonArray { Count: 1 } all)
        {
            var resolved = Resolve(all[0]!).DeepClone().AsObject();
            if (schema["nullable"]?.GetValue<bool>() == true) resolved["nullable"] = true;
            return resolved;
        }
        return schema;
    }
}
