using System.Text.Json.Nodes;
using GraphQL;
using GraphQL.Types;
using Microsoft.Extensions.DependencyInjection;
using OpenData.Api.GraphQL;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>
/// Every field of every type the schema can reach is compiled to SQL and run, one query per field, on a path from the
/// root: a field the schema declares and the compiler does not know fails here, named, not when a random query
/// happens to pick it.
/// </summary>
public sealed class EveryFieldTests(GraphQLFixture fixture) : IClassFixture<GraphQLFixture>
{
    [Fact]
    public async Task Every_field_of_every_reachable_type_compiles_and_answers_without_errors()
    {
        var schema = fixture.Services.GetRequiredService<OpenDataSchema>();
        schema.Initialize();
        var question = await fixture.Database.ScalarAsync<string>("SELECT reminds_question_id FROM opendata.questions WHERE reminds_question_id IS NOT NULL ORDER BY id LIMIT 1");
        var senator = await fixture.Database.ScalarAsync<string>("SELECT author_id FROM opendata.questions WHERE author_id IN (SELECT id FROM opendata.senators) ORDER BY id LIMIT 1");
        var ministry = await fixture.Database.ScalarAsync<long>("SELECT id FROM opendata.ministries WHERE cardinality(predecessor_ids) > 0 ORDER BY id LIMIT 1");
        var rootArguments = new Dictionary<string, string>
        {
            ["question"] = $"(id: \"{question}\")",
            ["senator"] = $"(id: \"{senator}\")",
            ["ministry"] = $"(id: {ministry})",
            ["node"] = $"(id: \"{question}\")",
            ["nodes"] = $"(ids: [\"{question}\", \"{senator}\", \"{ministry}\"])",
            ["questions"] = "(first: 3, filter: { q: \"commune\" })", // highlight needs a search
        };

        // The shortest path from the root to each object type, through fields and the nodes of connections.
        var paths = new Dictionary<string, Func<string, string>> { ["Query"] = inner => inner };
        // A type listed by a connection is also read through its page, whose rows carry only the columns the page selects
        // (a field reading a column the page lacks fails there, not when looked up by id).
        var pages = new Dictionary<string, Func<string, string>>();
        var queue = new Queue<IComplexGraphType>([(IComplexGraphType)schema.Query]);
        while (queue.Count > 0)
        {
            var type = queue.Dequeue();
            foreach (var field in type.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)))
            {
                if (field.ResolvedType!.GetNamedType() is not IComplexGraphType child) continue;
                var wrap = paths[type.Name];
                var arguments = type.Name == "Query" ? rootArguments.GetValueOrDefault(field.Name, "") : "";
                var types = child is IInterfaceGraphType node ? node.PossibleTypes.Cast<IComplexGraphType>().ToList() : [child];
                foreach (var target in types)
                {
                    // Under an interface (node, nodes), each type's fields under its type condition.
                    var on = child is IInterfaceGraphType ? $"... on {target.Name} " : "";
                    string Inside(string inner) => on.Length > 0 ? $"{on}{{ {inner} }}" : inner;
                    if (target.Name.EndsWith("Connection", StringComparison.Ordinal) && target.GetField("nodes") is { } nodes)
                    {
                        var nodeType = (IComplexGraphType)nodes.ResolvedType!.GetNamedType();
                        Func<string, string> throughPage = inner => wrap($"{field.Name}{arguments} {{ {Inside($"nodes {{ {inner} }}")} }}");
                        pages.TryAdd(nodeType.Name, throughPage);
                        Add(nodeType, throughPage);
                    }
                    Add(target, inner => wrap($"{field.Name}{arguments} {{ {Inside(inner)} }}"));
                }
            }
        }

        void Add(IComplexGraphType type, Func<string, string> path)
        {
            if (paths.ContainsKey(type.Name)) return;
            paths[type.Name] = path;
            queue.Enqueue(type);
        }

        var failures = new List<string>();
        var fields = 0;
        foreach (var (typeName, path) in paths.Where(p => p.Key != "Query").Concat(pages.Where(p => paths[p.Key] != p.Value)))
        {
            var type = (IComplexGraphType)schema.AllTypes[typeName]!;
            foreach (var field in type.Fields)
            {
                var selection = field.ResolvedType!.GetNamedType() switch
                {
                    IComplexGraphType complex when complex.GetField("totalCount") is not null => $"{field.Name} {{ totalCount }}",
                    IComplexGraphType complex when complex.Name == "ChangeFeed" => $"{field.Name} {{ nextCursor }}",
                    IComplexGraphType => $"{field.Name} {{ __typename }}",
                    _ => field.Name,
                };
                var query = "{ " + path(selection) + " }";
                fields++;
                using var response = await fixture.PostAsync(query);
                var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
                if (!response.IsSuccessStatusCode || body["errors"] is not null) failures.Add($"{typeName}.{field.Name}: {query} → {(int)response.StatusCode} {body["errors"]?.ToJsonString()}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Every object type of the schema was reached (186 fields when this was written).
        var objects = schema.AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)).Select(t => t.Name);
        Assert.Empty(objects.Except(paths.Keys));
        Assert.True(fields > 150, $"only {fields} fields");
    }
}
