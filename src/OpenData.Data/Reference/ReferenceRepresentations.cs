using OpenData.Data.Graph;
using OpenData.Data.Representations;
using OpenData.Data.Sql;

namespace OpenData.Data.Reference;

/// <summary>REST's themes, political groups and legislatures: their declarations' (<see cref="ReferenceGraph"/>) and links.</summary>
public static class ReferenceRepresentations
{
    public static readonly ReferenceList Themes = new(Representation.Of("ThemeResponse", GraphDeclarations.Theme,
            RepresentationField.Holding("links", Representation.Own("ThemeLinks", "Links of a theme.",
                new RepresentationField("questions", "String!", "The API URL of the questions with this theme.", r => $"'/v1/questions?theme=' || {r}.id")),
                "The API URL of its questions.")),
        "opendata.themes t", "t", "t.sort_order NULLS LAST, t.id");

    public static readonly ReferenceList Groups = new(Representation.Of("GroupResponse", GraphDeclarations.PoliticalGroup,
            RepresentationField.Holding("links", Representation.Own("GroupLinks", "Links of a political group.",
                new("senators", "String!", "The API URL of the senators whose current group this is.", r => $"'/v1/senators?group=' || {SqlText.UrlEscaped($"{r}.code")}"),
                new("questions", "String!", "The API URL of the questions asked by members of this group (group at the time of the question).",
                    r => $"'/v1/questions?group=' || {SqlText.UrlEscaped($"{r}.code")}")),
                "The API URLs of its senators and of the questions its members asked.")),
        "opendata.political_groups g", "g", "g.code");

    public static readonly ReferenceList Legislatures = new(Representation.Of("LegislatureResponse", GraphDeclarations.Legislature,
            RepresentationField.Holding("links", Representation.Own("LegislatureLinks", "Links of a legislature.",
                new RepresentationField("questions", "String!", "The API URL of the questions of this legislature.", r => $"'/v1/questions?legislature=' || {r}.number")),
                "The API URL of its questions.")),
        "opendata.legislatures l", "l", "l.number DESC");
}

/// <summary>A lookup list served whole: its representation, its table (with the alias its rows go by) and its order.</summary>
public sealed record ReferenceList(Representation Representation, string From, string Row, string OrderBy);
