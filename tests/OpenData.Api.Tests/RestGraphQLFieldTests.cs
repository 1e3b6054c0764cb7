using System.Text.Json.Nodes;
using OpenData.Data.Graph;

namespace OpenData.Api.Tests;

/// <summary>
/// A REST representation's property and the GraphQL field of the same name (its declaration in the data layer) mean the
/// same: the same kind of value, null in the same cases; where they differ on purpose, the difference is listed here with
/// its reason, and a listed difference that no longer holds fails too. A field added to one side with another meaning
/// than the other's is caught here, not by a client.
/// </summary>
public sealed class RestGraphQLFieldTests
{
    private static readonly Dictionary<string, string> Representations = new(StringComparer.Ordinal)
    {
        ["QuestionResponse"] = "Question", ["AnswerResponse"] = "Answer", ["SenatorResponse"] = "Senator", ["MinistryResponse"] = "Ministry",
        ["AuthorSnapshot"] = "QuestionAuthor", ["TransferInfo"] = "Transfer", ["GroupMembership"] = "GroupMembership",
        ["EventResponse"] = "QuestionEvent", ["ThemeResponse"] = "Theme", ["GroupResponse"] = "PoliticalGroup",
        ["LegislatureResponse"] = "Legislature", ["TwinGroupResponse"] = "TwinGroup", ["ChangeResponse"] = "Change",
        ["MinistryStatsResponse"] = "MinistryStats", ["TimeToAnswer"] = "TimeToAnswer",
    };

    private static readonly Dictionary<string, string> Differences = new(StringComparer.Ordinal)
    {
        ["QuestionResponse.author"] = "REST's author is the author at the time, always there (GraphQL's authorAtTheTime); GraphQL's is the senator today, null when the senators file does not know them",
        ["MinistryResponse.id"] = "REST gives the Senate's minid as an integer; GraphQL's ids are IDs (strings)",
        ["MinistryResponse.successorId"] = "the same as id",
        ["AuthorSnapshot.group"] = "REST's group is a code and label; GraphQL's QuestionAuthor.group is the code",
        ["TransferInfo.ministry"] = "REST refers to the ministry by the id and name the question holds, always there; GraphQL's Ministry is null when the ministries file does not list it",
        ["MinistryStatsResponse.ministry"] = "the same as TransferInfo.ministry",
    };

    [Fact]
    public void Fields_of_the_same_name_in_REST_and_GraphQL_have_the_same_kind_and_nullability_but_for_the_listed_differences()
    {
        var schemas = JsonNode.Parse(File.ReadAllText(Path.Combine(ContractTests.RepositoryRoot(), "openapi", "v1.json")))!["components"]!["schemas"]!;
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        var compared = 0;
        foreach (var (rest, graph) in Representations)
        {
            var declaration = GraphDeclarations.Of(graph) ?? throw new InvalidOperationException($"{graph} is not declared");
            var properties = schemas[rest]?["properties"]?.AsObject() ?? throw new InvalidOperationException($"{rest} is not in the contract");
            foreach (var (name, property) in properties)
            {
                if (declaration.Find(name) is not { } field) continue;
                compared++;
                var (restKind, graphKind) = (Rest(property!), Graph(field.Type));
                if (restKind != graphKind) found[$"{rest}.{name}"] = $"REST {restKind}, GraphQL {field.Type} ({graphKind})";
            }
        }

        Assert.True(compared > 100, $"only {compared} fields compared");
        Assert.Empty(found.Where(f => !Differences.ContainsKey(f.Key)).Select(f => $"{f.Key}: {f.Value}"));
        Assert.Empty(Differences.Keys.Where(k => !found.ContainsKey(k)).Select(k => $"{k} is listed as a difference but no longer differs"));
    }

    /// <summary>A property's kind of value in the contract, and whether it may be null.</summary>
    private static string Rest(JsonNode property)
    {
        var nullable = property["nullable"]?.GetValue<bool>() == true ? "or null" : "never null";
        if (property["$ref"] is not null || property["allOf"] is not null) return $"object {nullable}";
        var kind = (property["type"]?.GetValue<string>(), property["format"]?.GetValue<string>()) switch
        {
            ("string", "date") => "date",
            ("string", "date-time") => "timestamp",
            (var type, _) => type ?? "object",
        };
        return $"{kind} {nullable}";
    }

    /// <summary>A GraphQL type's kind of value, in the contract's words (an enum is a string), and whether it may be null.</summary>
    private static string Graph(string type)
    {
        var nullable = type.EndsWith('!') ? "never null" : "or null";
        var name = type.TrimEnd('!');
        var kind = name.StartsWith('[') ? "array" : name switch
        {
            "String" or "ID" => "string",
            "Int" => "integer",
            "Float" => "number",
            "Boolean" => "boolean",
            "Date" => "date",
            "DateTime" => "timestamp",
            _ when GraphDeclarations.Of(name) is not null || name.EndsWith("Connection", StringComparison.Ordinal) => "object",
            _ => "string", // an enum
        };
        return $"{kind} {nullable}";
    }
}
