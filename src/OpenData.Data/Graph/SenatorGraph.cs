using OpenData.Data.Questions;

namespace OpenData.Data.Graph;

/// <summary>Senator and GroupMembership, declared field by field.</summary>
internal sealed class SenatorGraph : DeclaredGraph
{
    public static readonly SenatorGraph Instance = new();

    public override ObjectDeclaration Declaration { get; } = new("Senator", "A senator, sitting or former, with their political groups over time.",
    [
        GraphField.Column("id", "ID!", "The Senate's matricule (digits then a letter, e.g. 08037L), the senator's public id and global id (node).", r => $"{r}.id"),
        GraphField.Column("civility", "String", "M. or Mme.", r => $"{r}.civility"),
        GraphField.Column("firstName", "String", "First name as used.", r => $"{r}.first_name"),
        GraphField.Column("lastName", "String", "Last name as used.", r => $"{r}.last_name"),
        GraphField.Column("name", "String!", "First and last name.", r => $"{r}.name"),
        GraphField.Column("active", "Boolean!", "Currently sitting.", r => $"{r}.active"),
        GraphField.Column("birthDate", "Date", "Date of birth.", r => JsonSql.Date($"{r}.birth_date")),
        GraphField.Column("deathDate", "Date", "Date of death, if any.", r => JsonSql.Date($"{r}.death_date")),
        GraphField.Compiled("group", "PoliticalGroup", "Current political group (the last one for a former senator), or null when none.",
            (c, r, f, _) => ReferenceGraph.GroupByCode(c, $"{r}.group_code", f)),
        GraphField.Column("groupMembership", "String", "Kind of membership of that group, as published (member, attached, related).", r => $"{r}.group_membership"),
        GraphField.Compiled("groupHistory", "[GroupMembership!]!", "Every membership of a political group, latest first.", (c, r, f, _) => History(c, r, f)),
        GraphField.Column("constituency", "String", "Constituency (circonscription).", r => $"{r}.constituency"),
        GraphField.Column("committee", "String", "Standing committee.", r => $"{r}.committee"),
        GraphField.Column("bureauFunction", "String", "Function in the Senate's Bureau, if any.", r => $"{r}.bureau_function"),
        GraphField.Column("email", "String", "Public e-mail address.", r => $"{r}.email"),
        GraphField.Column("profession", "String", "Profession, as published.", r => $"{r}.profession"),
        GraphField.Column("professionCategory", "String", "Professional category, as published.", r => $"{r}.profession_category"),
        GraphField.Column("questionCount", "Int!", "Questions this senator asked in the dataset.", r => $"{r}.question_count"),
        GraphField.Column("url", "String!", "The senator's page on senat.fr.", r => $"{r}.url"),
        GraphField.Timestamp("updatedAt", "DateTime!", "When this senator last changed in the API: the moment the import that changed them was first served.",
            r => Changes.Updates.At(r)),
        GraphField.Compiled("questions", "QuestionConnection!", "The questions this senator asked (filter.senator is ignored).",
            (c, r, f, _) => Lists.QuestionsOfSenator(c, f, (ListArguments<QuestionFilter, QuestionSort>)f.Arguments!, r)) with { Arguments = GraphArguments.Questions },
    ]);

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
        return JsonSql.Array(c.NestedList(c.Bounds.Memberships, () => c.Object(Membership, h, f.Selection, NodeContext.None)),
            $"(SELECT sg.*, {g}.code AS known_code, coalesce({g}.label, sg.group_code) AS group_label, coalesce({g}.senator_count, 0) AS senator_count, " +
            $"coalesce({g}.active_senator_count, 0) AS active_senator_count FROM opendata.senator_groups sg " +
            $"LEFT JOIN opendata.political_groups {g} ON {g}.code = sg.group_code WHERE sg.senator_id = {r}.id) {h}",
            Senators.SenatorQueries.HistoryOrder(h));
    }

    /// <summary>A membership: its group (the groups table's row, or its code and label when the table lacks it) and dates.</summary>
    public static readonly DeclaredGraph Membership = new RowGraph(new("GroupMembership", "A senator's membership of a political group.",
    [
        GraphField.Compiled("group", "PoliticalGroup!", "The group.", (c, r, f, context) => c.Object(Group.Instance, r, f.Selection, context)),
        GraphField.Column("membership", "String", "Kind of membership, as published (member, attached, related).", r => $"{r}.membership"),
        GraphField.Column("from", "Date", "First day of the membership.", r => JsonSql.Date($"{r}.start_date")),
        GraphField.Column("to", "Date", "Last day of the membership, or null while it lasts.", r => JsonSql.Date($"{r}.end_date")),
    ]));

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
