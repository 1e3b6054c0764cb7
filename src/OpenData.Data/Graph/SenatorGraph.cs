using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Senator and GroupMembership.</summary>
internal sealed class SenatorGraph : GraphObject
{
    public static readonly SenatorGraph Instance = new();

    public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
    {
        "id" => $"{r}.id",
        "civility" => $"{r}.civility",
        "firstName" => $"{r}.first_name",
        "lastName" => $"{r}.last_name",
        "name" => $"{r}.name",
        "active" => $"{r}.active",
        "birthDate" => JsonSql.Date($"{r}.birth_date"),
        "deathDate" => JsonSql.Date($"{r}.death_date"),
        "group" => ReferenceGraph.GroupByCode(c, $"{r}.group_code", f),
        "groupMembership" => $"{r}.group_membership",
        "groupHistory" => History(c, r, f),
        "constituency" => $"{r}.constituency",
        "committee" => $"{r}.committee",
        "bureauFunction" => $"{r}.bureau_function",
        "email" => $"{r}.email",
        "profession" => $"{r}.profession",
        "professionCategory" => $"{r}.profession_category",
        "questionCount" => $"{r}.question_count",
        "url" => $"{r}.url",
        "updatedAt" => JsonSql.Timestamp(Changes.Updates.At(r)),
        "questions" => Lists.QuestionsOfSenator(c, f, (ListArguments<QuestionFilter, QuestionSort>)f.Arguments!, r),
        _ => throw Unknown(f),
    };

    /// <summary>The senator of an id held by another row, or null (an author the senators file does not know).</summary>
    public static string ById(GraphCompiler c, string id, FieldRead f)
    {
        c.Lookup();
        var s = c.Alias("s");
        return JsonSql.One(c.Object(Instance, s, f.Selection, NodeContext.None), $"opendata.senators {s} WHERE {s}.id = {id}");
    }

    /// <summary>
    /// A question's author as the senators table has them today: asked for their id and name only, read from the
    /// question's author_id and author_senator_name where it says the table knows them (author_known, migration 0019:
    /// <see cref="ColumnObject.Held"/>), else looked up.
    /// </summary>
    public static string AuthorOf(GraphCompiler c, string question, FieldRead f) =>
        HeldAuthor.Held(c, question, $"{question}.author_known", f) ?? ById(c, $"{question}.author_id", f);

    private static readonly ColumnObject HeldAuthor = new(new() { ["id"] = "author_id", ["name"] = "author_senator_name" });

    private static string History(GraphCompiler c, string r, FieldRead f)
    {
        var (h, g) = (c.Alias("h"), c.Alias("g"));
        return JsonSql.Array(c.NestedList(c.Bounds.Memberships, () => c.Object(Membership.Instance, h, f.Selection, NodeContext.None)),
            $"(SELECT sg.*, {g}.code AS known_code, coalesce({g}.label, sg.group_code) AS group_label, coalesce({g}.senator_count, 0) AS senator_count, " +
            $"coalesce({g}.active_senator_count, 0) AS active_senator_count FROM opendata.senator_groups sg " +
            $"LEFT JOIN opendata.political_groups {g} ON {g}.code = sg.group_code WHERE sg.senator_id = {r}.id) {h}",
            $"{h}.start_date DESC NULLS LAST, {h}.end_date DESC NULLS FIRST, {h}.group_code");
    }

    /// <summary>A membership: its group (the groups table's row, or its code and label when the table lacks it) and dates.</summary>
    private sealed class Membership : GraphObject
    {
        public static readonly Membership Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "group" => c.Object(Group.Instance, r, f.Selection, context),
            "membership" => $"{r}.membership",
            "from" => JsonSql.Date($"{r}.start_date"),
            "to" => JsonSql.Date($"{r}.end_date"),
            _ => throw Unknown(f),
        };
    }

    /// <summary>The group of a membership row (joined with the groups table above).</summary>
    private sealed class Group : GraphObject
    {
        public static readonly Group Instance = new();

        public override string Field(GraphCompiler c, string r, FieldRead f, NodeContext context) => f.Field switch
        {
            "code" => $"{r}.group_code",
            "label" => $"{r}.group_label",
            "senatorCount" => $"{r}.senator_count",
            "activeSenatorCount" => $"{r}.active_senator_count",
            _ => throw Unknown(f),
        };
    }
}
