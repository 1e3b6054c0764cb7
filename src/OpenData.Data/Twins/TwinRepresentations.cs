using OpenData.Data.Graph;
using OpenData.Data.Questions;
using OpenData.Data.Representations;

namespace OpenData.Data.Twins;

/// <summary>
/// REST's group of twin questions: the declaration's (<see cref="TwinGroupGraph"/>) values, then what REST gives its own
/// way, where GraphQL has whole objects: its questions by id, date, title, author as at the time and link; its senators
/// by id, name and link; its political groups by code and label; the link of its earliest question's similar list.
/// </summary>
public static class TwinRepresentations
{
    /// <summary>A question of a group, over a row of questions.</summary>
    private static readonly Representation Member = Representation.Own("TwinMember", "A question of a twin group.",
        new("id", "String!", "The Senate's reference.", r => $"{r}.id"),
        new("publishedAt", "Date!", "Its publication date.", r => $"{r}.published_at"),
        new("title", "String", "Its title.", r => $"{r}.title"),
        RepresentationField.Holding("author", QuestionRepresentations.Author, "Its author as at the time of the question."),
        new("self", "String!", "Its API URL.", r => $"'/v1/questions/' || {r}.id"));

    /// <summary>A senator of a group, over a row of its authors (id, name).</summary>
    private static readonly Representation Senator = Representation.Own("TwinSenator", "A senator of a twin group.",
        new("id", "String!", "Senator id (matricule).", r => $"{r}.id"),
        new("name", "String!", "First and last name.", r => $"{r}.name"),
        new("self", "String!", "The senator's API URL.", r => $"'/v1/senators/' || {r}.id"));

    private static readonly Representation Group = RepresentationReferences.Group(r => $"{r}.code");

    // The group's questions joined in publication order (the order of question_ids), as m(id, n) and q.
    private static string Members(string r) => $"unnest({r}.question_ids) WITH ORDINALITY m(id, n) JOIN opendata.questions q ON q.id = m.id";

    public static readonly Representation TwinGroup = Representation.Of("TwinGroupResponse", GraphDeclarations.TwinGroup,
        new("earliest", "TwinMember!", TwinDocs.Earliest, r => $"(SELECT {Member.Object("q")} FROM {Members(r)} ORDER BY m.n LIMIT 1)") { Object = Member },
        new("questions", "[TwinMember!]!", TwinDocs.Questions, r => $"to_json(array(SELECT {Member.Object("q")} FROM {Members(r)} ORDER BY m.n))") { Object = Member },
        new("senators", "[TwinSenator!]!", "Its senators, in the order of their first question.", r => $"""
            to_json(array(SELECT {Senator.Object("a")} FROM (
                SELECT DISTINCT ON (q.author_id) q.author_id AS id, q.author_name AS name, m.n FROM {Members(r)} ORDER BY q.author_id, m.n) a
            ORDER BY a.n))
            """) { Object = Senator },
        new("groups", "[CodeLabel!]!", "The political groups of its senators when they asked, by code.",
            r => $"to_json(array(SELECT {Group.Object("u")} FROM unnest({r}.group_codes) u(code) ORDER BY u.code))") { Object = Group },
        new("similar", "String!", "The API URL of its earliest question's similar list.", r => $"'/v1/questions/' || {r}.id || '/similar'"));
}
