using OpenData.Data.Answers;
using OpenData.Data.Changes;
using OpenData.Data.Ministries;
using OpenData.Data.Questions;
using OpenData.Data.Senators;
using OpenData.Data.Stats;
using OpenData.Data.Twins;

namespace OpenData.Data.Graph;

/// <summary>
/// The root fields (GraphQL's <c>Query</c>), declared once as every object's fields are: name, type, description, the
/// arguments they take (the schema adds them, the planner reads them by their kind) and the SQL of the statement each
/// one is compiled to (its JSON). A root field is one line here.
/// </summary>
internal sealed class RootGraph : DeclaredGraph
{
    public static readonly RootGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("Query",
        "The French Senate's questions to the government, their answers, the senators who asked them and the ministries they were addressed to.",
    [
        Lookup("question", "Question", "One question by id, or null.", "The Senate's reference, e.g. SEQ240611950.",
            LookupIds.Text, (c, id, f) => QuestionGraph.ById(c, id, f)),
        Root("questions", "QuestionConnection!", "Search and list questions (REST: /v1/questions).", GraphArguments.Questions,
            (c, f) => Lists.Questions(c, f, (ListArguments<QuestionFilter, QuestionSort>)f.Arguments!)),
        Root("answers", "AnswerConnection!", "Search and list answers (REST: /v1/answers).", GraphArguments.Answers,
            (c, f) => Lists.Answers(c, f, (ListArguments<AnswerFilter, AnswerSort>)f.Arguments!)),
        Lookup("senator", "Senator", "One senator by matricule, or null.", "The Senate's matricule, e.g. 08037L.",
            LookupIds.Text, (c, id, f) => SenatorGraph.ById(c, id, f)),
        Root("senators", "SenatorConnection!", "List senators by name (REST: /v1/senators).", GraphArguments.Senators,
            (c, f) => Lists.Senators(c, f, (ListArguments<SenatorFilter, NoSort>)f.Arguments!)),
        Lookup("ministry", "Ministry", "One ministry by id (minid), or null.", "The Senate's ministry id (digits, e.g. 1019).",
            LookupIds.Ministry, (c, id, f) => MinistryGraph.ById(c, id, f)),
        Root("ministries", "MinistryConnection!", "List ministries, latest first (REST: /v1/ministries).", GraphArguments.Ministries,
            (c, f) => Lists.Ministries(c, f, (ListArguments<MinistryFilter, NoSort>)f.Arguments!)),
        Root("themes", "[Theme!]!", "Every theme, in the Senate's order.", GraphArguments.None, ReferenceGraph.Themes),
        Root("groups", "[PoliticalGroup!]!", "Every political group met in the dataset, by code.", GraphArguments.None, ReferenceGraph.Groups),
        Root("legislatures", "[Legislature!]!", "Every legislature, latest first.", GraphArguments.None, ReferenceGraph.Legislatures),
        Root("ministryStats", "[MinistryStats!]!", "Per ministry handling the questions, how they were answered; most questions first (REST: /v1/stats/ministries).",
            GraphArguments.MinistryStats, (c, f) => StatsGraph.MinistryStats(c, f, (StatsFilter)f.Arguments!)),
        Root("timeline", "[TimelineBucket!]!", "Questions published and answered per period, empty periods included (REST: /v1/stats/timeline).",
            GraphArguments.Timeline, (c, f) => StatsGraph.Timeline(c, f, (TimelineArguments)f.Arguments!)),
        Root("twins", "TwinGroupConnection!", TwinDocs.Twins, GraphArguments.Twins,
            (c, f) => Lists.Twins(c, f, (ListArguments<TwinFilter, NoSort>)f.Arguments!)),
        Root("node", "Node", "The question, senator or ministry of a global id (its id), or null.", GraphArguments.Node, Node),
        // One object per id, in order (at most Paging's maximum, below json_build_array's 100 arguments).
        Root("nodes", "[Node]!", $"The objects of global ids, in their order, null for an id that names nothing; at most {GraphPaging.MaxFirst} ids.", GraphArguments.Nodes,
            (c, f) => $"json_build_array({string.Join(", ", f.Selection.Select(n => JsonSql.ToJson(Node(c, n))))})"),
        Root("dataset", "Dataset", "The dataset being served (REST: /v1/dataset); null before the first import.", GraphArguments.None, DatasetGraph.Current),
        Root("changes", "ChangeFeed!", "What the imports added, changed and removed, oldest first, resumable from any cursor (REST: /v1/changes).",
            GraphArguments.Changes, (c, f) => ChangeGraph.Feed(c, f, (ChangesArguments)f.Arguments!)),
    ]);

    /// <summary>A root field whose statement is <paramref name="sql"/>'s JSON.</summary>
    private static GraphField Root(string name, string type, string description, GraphArguments arguments, Func<GraphCompiler, FieldRead, string> sql) =>
        GraphField.Compiled(name, type, description, (c, _, f, _) => sql(c, f)) with { Arguments = arguments };

    /// <summary>
    /// A lookup by id: the id as the client gave it (<see cref="IdArgument"/>), read by <paramref name="read"/> and
    /// bound, as the value of its variable when a variable gave it.
    /// </summary>
    private static GraphField Lookup(string name, string type, string description, string idDescription, Func<string, object> read,
        Func<GraphCompiler, string, FieldRead, string> sql) =>
        Root(name, type, description, GraphArguments.Id, (c, f) =>
        {
            var id = (IdArgument)f.Arguments!;
            return sql(c, c.BindKey(id.Given, id.Variable, read), f);
        }) with { IdDescription = idDescription };

    /// <summary>The object a global id names, or null (an id of no type: its field is <see cref="FieldRead.Null"/>).</summary>
    private static string Node(GraphCompiler c, FieldRead field) => field.Arguments is not NodeArgument node ? "NULL::json" : node.Type switch
    {
        "Question" => QuestionGraph.ById(c, Key(c, node, LookupIds.Text), field),
        "Senator" => SenatorGraph.ById(c, Key(c, node, LookupIds.Text), field),
        "Ministry" => MinistryGraph.ById(c, Key(c, node, LookupIds.Ministry), field), // its id is digits (Ids.NodeType)
        _ => "NULL::json",
    };

    /// <summary>A node's id as its type's lookup reads it, bound; from its variable's value, when a variable gave it, only while that names the same type.</summary>
    private static string Key(GraphCompiler c, NodeArgument node, Func<string, object> read) =>
        c.BindKey(node.Id, node.Variable, given => Ids.NodeType(given) == node.Type ? read(given) : null);
}
