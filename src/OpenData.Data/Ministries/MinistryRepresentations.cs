using OpenData.Data.Graph;
using OpenData.Data.Representations;

namespace OpenData.Data.Ministries;

/// <summary>
/// REST's ministry: the declaration's (<see cref="MinistryGraph"/>) but for its ids, which REST gives as the Senate's bare
/// integers, and its links; the detail adds the ministries it replaced and the one that replaced it, by id and name.
/// </summary>
public static class MinistryRepresentations
{
    private static readonly Representation Links = Representation.Own("MinistryLinks", "Links of a ministry.",
        new("self", "String!", "The ministry's API URL.", r => $"'/v1/ministries/' || {r}.id"),
        new("questions", "String!", "The API URL of the questions addressed to, transferred to or answered by it.", r => $"'/v1/ministries/' || {r}.id || '/questions'"));

    public static readonly Representation Ministry = Representation.Of("MinistryResponse", GraphDeclarations.Ministry,
        new("id", "Long!", "The Senate's ministry id (minid), its public id.", r => $"{r}.id"),
        new("successorId", "Long", "The ministry that replaced this one, if any.", r => $"{r}.successor_id"),
        new("predecessorIds", "[Long!]!", "The ministries this one directly replaced.", r => $"to_json({r}.predecessor_ids)"),
        RepresentationField.Holding("links", Links, "The ministry's API URL and that of its questions."));

    // A ministry by the id of a row u, its name looked up: null when no ministry has the id.
    private static readonly Representation Reference = RepresentationReferences.Ministry(r => $"{r}.id", r => Name($"{r}.id"));

    public static readonly Representation Detail = Ministry.With("MinistryDetailResponse", "A ministry with the ministries it replaced and the one that replaced it.",
        RepresentationField.Holding("successor", RepresentationReferences.Ministry(r => $"{r}.successor_id", r => Name($"{r}.successor_id")),
            "The ministry that replaced this one, or null.", r => $"{r}.successor_id IS NOT NULL"),
        new("predecessors", "[MinistryRef!]!", "The ministries this one directly replaced.",
            r => $"to_json(array(SELECT {Reference.Object("u")} FROM unnest({r}.predecessor_ids) WITH ORDINALITY u(id, n) ORDER BY u.n))") { Object = Reference });

    private static string Name(string id) => $"(SELECT s.name FROM opendata.ministries s WHERE s.id = {id})";
}
