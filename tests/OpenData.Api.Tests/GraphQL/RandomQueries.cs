using System.Globalization;
using System.Text;
using GraphQL;
using GraphQL.Types;

namespace OpenData.Api.Tests.GraphQL;

/// <summary>Values of the dataset the generated queries use, so that they find rows.</summary>
public sealed record DatasetSamples(
    IReadOnlyList<string> Questions, IReadOnlyList<string> Senators, IReadOnlyList<long> Ministries, IReadOnlyList<int> Themes,
    IReadOnlyList<int> Legislatures, IReadOnlyList<string> Groups, IReadOnlyList<string> Constituencies, IReadOnlyList<string> Words,
    IReadOnlyDictionary<string, IReadOnlyList<string>> Cursors);

/// <summary>A generated query: its document and its variables (JSON).</summary>
public sealed record GeneratedQuery(string Document, Dictionary<string, object?> Variables);

/// <summary>
/// Valid GraphQL queries generated from the schema: random selections at any depth, aliases, named and inline
/// fragments, variables, @skip and @include, filters, orders, first and after, within the schema's limits.
/// </summary>
public sealed class RandomQueries(ISchema schema, DatasetSamples samples, Random random)
{
    private static readonly string[] QuestionOrders = ["PUBLISHED_AT_DESC", "PUBLISHED_AT", "ANSWERED_AT_DESC", "ANSWER_DELAY_DAYS", "ANSWER_DELAY_DAYS_DESC", "RELEVANCE", "UPDATED_AT_DESC", "UPDATED_AT"];
    private static readonly string[] AnswerOrders = ["PUBLISHED_AT_DESC", "PUBLISHED_AT", "DELAY_DAYS", "DELAY_DAYS_DESC", "UPDATED_AT_DESC", "UPDATED_AT"];
    private static readonly string[] Statuses = ["AWAITING_ANSWER", "ANSWERED", "LAPSED", "WITHDRAWN", "CONVERTED"];
    private static readonly string[] Natures = ["QE", "QOSD", "QOAD", "QOAE", "QG", "QC"];

    private readonly List<string> fragments = [];
    private readonly List<string> variableDefinitions = [];
    private Dictionary<string, object?> variables = [];
    private int names;

    public GeneratedQuery Next()
    {
        fragments.Clear();
        variableDefinitions.Clear();
        variables = [];
        var query = (IObjectGraphType)schema.Query;
        var body = new StringBuilder();
        var roots = query.Fields.Where(f => !f.Name.StartsWith("__", StringComparison.Ordinal)).ToList();
        for (var i = random.Next(1, 4); i > 0; i--) body.Append(Field(query, roots[random.Next(roots.Count)], 0)).Append(' ');
        if (random.Next(6) == 0) body.Append("__typename ");
        var operation = variableDefinitions.Count > 0 || random.Next(3) == 0
            ? $"query Q{(variableDefinitions.Count > 0 ? "(" + string.Join(", ", variableDefinitions) + ")" : "")} {{ {body}}}"
            : $"{{ {body}}}";
        return new GeneratedQuery(string.Join("\n", [operation, .. fragments]), variables);
    }

    private string Field(IComplexGraphType parent, FieldType field, int depth)
    {
        var alias = random.Next(4) == 0 ? $"a{++names}: " : "";
        var directive = random.Next(12) == 0 ? Directive() : "";
        var named = field.ResolvedType!.GetNamedType();
        var arguments = Arguments(parent.Name, field, out var listName);
        if (named is not IComplexGraphType complex) return $"{alias}{field.Name}{arguments}{directive}";
        var selection = Selection(complex, depth + 1, listName);
        return $"{alias}{field.Name}{arguments}{directive} {{ {selection} }}";
    }

    private string Selection(IComplexGraphType type, int depth, string? listName)
    {
        var body = new StringBuilder();
        // A connection, or the change feed that pages as one does (with where to resume instead of a total).
        var feed = type.Name == "ChangeFeed";
        if (type.Name.EndsWith("Connection", StringComparison.Ordinal) || feed)
        {
            var total = feed ? "nextCursor hasNextPage" : "totalCount";
            if (random.Next(2) == 0) body.Append(total).Append(' ');
            if (random.Next(3) == 0) body.Append("pageInfo { hasNextPage endCursor } ");
            var node = ((IComplexGraphType)type.GetField("nodes")!.ResolvedType!.GetNamedType());
            if (random.Next(3) > 0) body.Append("nodes { ").Append(Selection(node, depth + 1, null)).Append(" } ");
            // An edge's own fields beside its cursor (a similar question's similarity).
            var edge = (IComplexGraphType)type.GetField("edges")!.ResolvedType!.GetNamedType();
            var own = string.Concat(edge.Fields.Where(f => f.Name is not ("cursor" or "node") && random.Next(2) == 0).Select(f => f.Name + " "));
            if (random.Next(3) == 0) body.Append("edges { cursor ").Append(own).Append("node { ").Append(Selection(node, depth + 2, null)).Append(" } } ");
            if (body.Length == 0) body.Append(total);
            return body.ToString();
        }
        var fields = type.Fields.ToList();
        var scalars = fields.Where(f => f.ResolvedType!.GetNamedType() is not IComplexGraphType).ToList();
        var objects = fields.Where(f => f.ResolvedType!.GetNamedType() is IComplexGraphType).ToList();
        foreach (var scalar in scalars.Where(_ => random.Next(3) == 0).DefaultIfEmpty(scalars[0])) body.Append(Field(type, scalar, depth)).Append(' ');
        // Deeper, fewer objects: the cost limit and the depth limit stay far.
        if (depth < 5)
            foreach (var obj in objects.Where(_ => random.Next(depth + 3) == 0)) body.Append(Field(type, obj, depth)).Append(' ');
        if (random.Next(10) == 0) body.Append("__typename ");
        // An interface (Node): the fields of the types it may be, each under its type condition.
        if (type is IInterfaceGraphType abstractType)
            foreach (var possible in abstractType.PossibleTypes.Where(_ => random.Next(2) == 0))
                body.Append($"... on {possible.Name} {{ {Selection(possible, depth + 1, null)} }} ");
        var text = body.ToString();
        return random.Next(8) switch
        {
            0 => Fragment(type, text),
            1 => $"... on {type.Name} {{ {text} }}",
            2 => $"... {{ {text} }}",
            _ => text,
        };
    }

    private string Fragment(IComplexGraphType type, string selection)
    {
        var name = $"F{++names}";
        fragments.Add($"fragment {name} on {type.Name} {{ {selection} }}");
        return $"...{name}";
    }

    private string Directive()
    {
        var skip = random.Next(2) == 0;
        var value = random.Next(2) == 0;
        if (random.Next(2) == 0) return $" @{(skip ? "skip" : "include")}(if: {(value ? "true" : "false")})";
        return $" @{(skip ? "skip" : "include")}(if: {Variable("Boolean!", value)})";
    }

    /// <summary>A global id: a question's, a senator's or a ministry's, or one that names nothing.</summary>
    private string GlobalId() => random.Next(4) switch
    {
        0 => Pick(samples.Questions),
        1 => Pick(samples.Senators),
        2 => Pick(samples.Ministries).ToString(CultureInfo.InvariantCulture),
        _ => Pick(["SEQ000000000", "00000X", "999999", "not-an-id"]),
    };

    private string Variable(string type, object? value)
    {
        var name = $"v{++names}";
        variableDefinitions.Add($"${name}: {type}");
        variables[name] = value;
        return "$" + name;
    }

    private string Arguments(string parent, FieldType field, out string? listName)
    {
        listName = null;
        var args = new List<string>();
        switch (parent, field.Name)
        {
            case ("Query", "question"):
                args.Add($"id: {Id(Pick(samples.Questions.Append("SEQ000000000").ToList()), "ID!")}");
                break;
            case ("Query", "senator"):
                args.Add($"id: {Id(Pick(samples.Senators.Append("00000X").ToList()), "ID!")}");
                break;
            case ("Query", "ministry"):
                // An ID: an integer literal, a string, or a variable.
                var ministry = Pick(samples.Ministries).ToString(CultureInfo.InvariantCulture);
                args.Add($"id: {Pick([ministry, $"\"{ministry}\"", Variable("ID!", ministry)])}");
                break;
            case ("Query", "node"):
                args.Add($"id: {Id(GlobalId(), "ID!")}");
                break;
            case ("Query", "nodes"):
                args.Add($"ids: [{string.Join(", ", Enumerable.Range(0, random.Next(0, 4)).Select(_ => $"\"{GlobalId()}\""))}]");
                break;
            case (_, "questions"):
                var (filter, q) = QuestionFilter(parent);
                if (filter is not null) args.Add($"filter: {filter}");
                var order = Pick(QuestionOrders.Where(o => o != "RELEVANCE" || q).ToList());
                if (order != "PUBLISHED_AT_DESC" || random.Next(4) == 0) args.Add($"orderBy: {order}");
                // A cursor of the unfiltered list is a position in any list of that order: nested and filtered lists page after it too.
                Page(args, $"questions/{order}");
                break;
            case ("Query", "answers"):
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick(["q: " + Word(), $"ministry: {Pick(samples.Ministries)}", "publishedFrom: \"2020-01-01\"", "publishedTo: \"2022-12-31\""])} }}");
                var answerOrder = Pick(AnswerOrders);
                args.Add($"orderBy: {answerOrder}");
                Page(args, args.Count == 1 ? $"answers/{answerOrder}" : null);
                break;
            case ("Query", "senators"):
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick(["active: true", "active: false", $"group: \"{Pick(samples.Groups)}\"", $"constituency: \"{Pick(samples.Constituencies)}\"", "q: \"an\""])} }}");
                Page(args, args.Count == 0 ? "senators" : null);
                break;
            case ("Query", "ministries"):
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick(["current: true", "current: false", "q: \"santé\"", "q: \"int\""])} }}");
                Page(args, args.Count == 0 ? "ministries" : null);
                break;
            case ("Query", "ministryStats"):
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick(["current: true", "current: false", $"legislature: {Pick(samples.Legislatures)}", "from: \"2020-01-01\"", "nature: [QE, QOSD]", "to: \"2023-06-30\""])} }}");
                break;
            case ("Query", "changes"):
                if (random.Next(2) == 0) args.Add($"types: [{Pick(["QUESTION", "ANSWER", "SENATOR", "MINISTRY"])}]");
                if (random.Next(3) > 0) args.Add($"first: {random.Next(0, 8).ToString(CultureInfo.InvariantCulture)}");
                if (samples.Cursors.TryGetValue("changes", out var since) && since.Count > 0 && random.Next(2) == 0) args.Add($"since: \"{Pick(since)}\"");
                break;
            case ("Query", "twins"):
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick([$"ministry: {Pick(samples.Ministries)}", "minSize: 3", "publishedFrom: \"2022-01-01\"", "publishedTo: \"2024-12-31\""])} }}");
                Page(args, args.Count == 0 ? "twins" : null);
                break;
            case ("Question", "similar"):
                Page(args, null);
                break;
            case ("Query", "timeline"):
                if (random.Next(2) == 0) args.Add($"interval: {Pick(["MONTH", "YEAR"])}");
                if (random.Next(2) == 0) args.Add($"filter: {{ {Pick(["status: [ANSWERED]", $"senator: \"{Pick(samples.Senators)}\"", $"ministry: {Pick(samples.Ministries)}", "nature: [QE]", $"theme: {Pick(samples.Themes)}"])} }}");
                break;
        }
        return args.Count == 0 ? "" : "(" + string.Join(", ", args) + ")";
    }

    private (string? Filter, bool Q) QuestionFilter(string parent)
    {
        if (random.Next(2) == 0) return (null, false);
        var parts = new List<string>();
        var q = false;
        for (var i = random.Next(1, 3); i > 0; i--)
        {
            switch (random.Next(12))
            {
                case 0: parts.Add($"q: {Word()}"); q = true; break;
                case 1: parts.Add($"senator: \"{Pick(samples.Senators)}\""); break;
                case 2: parts.Add($"ministry: {Pick(samples.Ministries)}"); if (random.Next(2) == 0) parts.Add("lineage: true"); break;
                case 3: parts.Add($"status: [{Pick(Statuses)}]"); break;
                case 4: parts.Add($"nature: [{Pick(Natures)}, {Pick(Natures)}]"); break;
                case 5: parts.Add($"legislature: {Pick(samples.Legislatures)}"); break;
                case 6: parts.Add($"theme: {Pick(samples.Themes)}"); break;
                case 7: parts.Add($"group: \"{Pick(samples.Groups)}\""); break;
                case 8: parts.Add("publishedFrom: \"2019-01-01\", publishedTo: \"2024-12-31\""); break;
                case 9: parts.Add("answeredFrom: \"2018-06-01\""); break;
                case 10: parts.Add($"overdue: {(random.Next(2) == 0 ? "true" : "false")}"); break;
                default: parts.Add("updatedSince: \"2022-01-01\""); break;
            }
        }
        if (parent == "Ministry" && random.Next(3) == 0) parts.Add("lineage: true");
        var filter = "{ " + string.Join(", ", parts.DistinctBy(p => p[..p.IndexOf(':')])) + " }";
        return (random.Next(5) == 0 ? Variable("QuestionFilter", System.Text.Json.JsonSerializer.Deserialize<object>(ToJson(filter))) : filter, q);
    }

    // A literal input object as the JSON of a variable (keys quoted, enum values as strings).
    private static string ToJson(string literal) =>
        System.Text.RegularExpressions.Regex.Replace(
            System.Text.RegularExpressions.Regex.Replace(literal, @"(\w+):", "\"$1\":"),
            @"(?<=[\[ ,])([A-Z][A-Z_]+)(?=[,\] ])", "\"$1\"");

    private void Page(List<string> args, string? listName)
    {
        if (random.Next(3) > 0)
        {
            // Mostly small pages; sometimes large ones, up to the maximum (the price may then refuse the query).
            var first = random.Next(10) switch { 0 => OpenData.Api.GraphQL.Inputs.Paging.MaxFirst, 1 => random.Next(8, OpenData.Api.GraphQL.Inputs.Paging.MaxFirst), _ => random.Next(0, 8) };
            args.Add($"first: {(random.Next(4) == 0 ? Variable("Int", first) : first.ToString(CultureInfo.InvariantCulture))}");
        }
        if (listName is not null && samples.Cursors.TryGetValue(listName, out var cursors) && cursors.Count > 0 && random.Next(3) == 0)
            args.Add($"after: \"{Pick(cursors)}\"");
    }

    private string Id(string id, string type) => random.Next(3) == 0 ? Variable(type, id) : $"\"{id}\"";

    // A search word as a GraphQL string literal (JSON escapes are GraphQL escapes).
    private string Word() => System.Text.Json.JsonSerializer.Serialize(Pick(samples.Words));

    private T Pick<T>(IReadOnlyList<T> values) => values[random.Next(values.Count)];
}
