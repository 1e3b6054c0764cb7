using OpenData.Api.Rest;
using OpenData.Data.Senators;

namespace OpenData.Api.Features.Senators;

// A property documented by nothing here is described, in the OpenAPI document, by the GraphQL field of the same name
// (its declaration in OpenData.Data.Graph: Rest.DeclaredDescriptions), which means the same.
#pragma warning disable CS1573 // the parameters it describes are left out here

/// <summary>A senator, sitting or former, with their political groups over time.</summary>
/// <param name="Id">The Senate's matricule, the senator's public id (e.g. 08037L).</param>
/// <param name="Group">Current political group (the last one for a former senator), or null when none.</param>
/// <param name="UpdatedAt">When this senator last changed in the API: the moment the import that changed them was first served (UTC).</param>
/// <param name="Links">The senator's API URL and that of their questions.</param>
public sealed record SenatorResponse(
    string Id,
    string? Civility,
    string? FirstName,
    string? LastName,
    string Name,
    bool Active,
    DateOnly? BirthDate,
    DateOnly? DeathDate,
    CodeLabel? Group,
    string? GroupMembership,
    IReadOnlyList<GroupMembership> GroupHistory,
    string? Constituency,
    string? Committee,
    string? BureauFunction,
    string? Email,
    string? Profession,
    string? ProfessionCategory,
    int QuestionCount,
    string Url,
    DateTime UpdatedAt,
    SenatorLinks Links)
{
    public static SenatorResponse From(SenatorRow s) => From(s, s.Memberships());

    public static SenatorResponse From(SenatorRow s, IEnumerable<SenatorGroupRow> history) => new(
        s.Id, s.Civility, s.FirstName, s.LastName, s.Name, s.Active, s.BirthDate, s.DeathDate,
        s.GroupCode is { } code ? new CodeLabel(code, s.GroupLabel ?? code) : null, s.GroupMembership,
        history.Select(h => new GroupMembership(new CodeLabel(h.GroupCode, h.GroupLabel), h.Membership, h.StartDate, h.EndDate)).ToList(),
        s.Constituency, s.Committee, s.BureauFunction, s.Email, s.Profession, s.ProfessionCategory, s.QuestionCount, s.Url, Dates.Utc(s.UpdatedAt),
        new SenatorLinks($"/v1/senators/{Uri.EscapeDataString(s.Id)}", $"/v1/senators/{Uri.EscapeDataString(s.Id)}/questions"));

    public static readonly IReadOnlyList<CsvColumn<SenatorResponse>> CsvColumns =
    [
        new("id", s => s.Id), new("civility", s => s.Civility), new("firstName", s => s.FirstName), new("lastName", s => s.LastName),
        new("name", s => s.Name), new("active", s => s.Active), new("birthDate", s => s.BirthDate), new("deathDate", s => s.DeathDate),
        new("groupCode", s => s.Group?.Code), new("groupLabel", s => s.Group?.Label), new("groupMembership", s => s.GroupMembership),
        new("groupHistory", s => s.GroupHistory.Select(g => g.Group.Code)),
        new("constituency", s => s.Constituency), new("committee", s => s.Committee), new("bureauFunction", s => s.BureauFunction),
        new("email", s => s.Email), new("profession", s => s.Profession), new("professionCategory", s => s.ProfessionCategory),
        new("questionCount", s => s.QuestionCount), new("url", s => s.Url), new("updatedAt", s => Dates.Text(s.UpdatedAt)),
    ];
}

/// <summary>A senator's membership of a political group.</summary>
/// <param name="Group">The group, by code and label.</param>
/// <param name="Membership">Kind of membership, as published (member, attached, related).</param>
/// <param name="From">First day of the membership.</param>
/// <param name="To">Last day of the membership, or null while it lasts.</param>
public sealed record GroupMembership(CodeLabel Group, string? Membership, DateOnly? From, DateOnly? To);

/// <summary>Links of a senator.</summary>
/// <param name="Self">The senator's API URL.</param>
/// <param name="Questions">The API URL of the questions they asked.</param>
public sealed record SenatorLinks(string Self, string Questions);
