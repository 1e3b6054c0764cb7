using OpenData.Data.Graph;
using OpenData.Data.Representations;

namespace OpenData.Data.Senators;

/// <summary>
/// REST's senator: the declaration's (<see cref="SenatorGraph"/>) but for its group and group history, whose groups REST
/// gives by code and label (<c>CodeLabel</c>), and its links. In CSV, the group is two columns and the history its codes.
/// </summary>
public static class SenatorRepresentations
{
    private static readonly Representation Links = Representation.Own("SenatorLinks", "Links of a senator.",
        new("self", "String!", "The senator's API URL.", r => $"'/v1/senators/' || {r}.id"),
        new("questions", "String!", "The API URL of the questions they asked.", r => $"'/v1/senators/' || {r}.id || '/questions'"));

    private static readonly Representation Membership = Representation.Own("GroupMembership", "A senator's membership of a political group.",
        RepresentationField.Holding("group", RepresentationReferences.Group(r => $"{r}.group_code"), "The group, by code and label."),
        new("membership", "String", "Kind of membership, as published (member, attached, related).", r => $"{r}.membership"),
        new("from", "Date", "First day of the membership.", r => $"{r}.start_date"),
        new("to", "Date", "Last day of the membership, or null while it lasts.", r => $"{r}.end_date"));

    public static readonly Representation Senator = Representation.Of("SenatorResponse", GraphDeclarations.Senator,
        new("id", "ID!", "The Senate's matricule, the senator's public id (e.g. 08037L).", r => $"{r}.id"),
        RepresentationField.Holding("group", RepresentationReferences.Group(r => $"{r}.group_code"),
            "Current political group (the last one for a former senator), or null when none.", r => $"{r}.group_code IS NOT NULL") with
        {
            Csv = [new("groupCode", "group", "code"), new("groupLabel", "group", "label")],
        },
        new("groupHistory", "[GroupMembership!]!", "Every membership of a political group, latest first.",
            r => $"to_json(array(SELECT {Membership.Object("sg")} FROM opendata.senator_groups sg WHERE sg.senator_id = {r}.id ORDER BY {SenatorQueries.HistoryOrder("sg")}))")
        {
            Object = Membership,
            Csv = [new("groupHistory", "groupHistory", "group.code")],
        },
        RepresentationField.Holding("links", Links, "The senator's API URL and that of their questions."));
}
